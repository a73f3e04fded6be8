"""Facts about the report, its sections and its actors as the data states them.

Covers data/report.ttl, data/actors-public.ttl, data/actors-innovation.ttl, data/actors-foreign.ttl,
data/relations.ttl and ontology/extensions/actors.ttl. Each test's docstring names the report
section that supports the asserted fact; the tests query the real data files with SPARQL.
"""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from kg.namespaces import CANONICAL, ORG, PREFIXES

ROOT = Path(__file__).resolve().parents[1]
OWN_FILES = (
    "data/report.ttl",
    "data/actors-public.ttl",
    "data/actors-innovation.ttl",
    "data/actors-foreign.ttl",
    "data/relations.ttl",
    "ontology/extensions/actors.ttl",
)

INNO = CANONICAL.inno
ID = CANONICAL.id
ACTOR = Namespace(ID + "actor/")
SEC = Namespace(ID + "section/")
FIG = Namespace(ID + "figure/")
REPORT = URIRef(ID + "report/difi-2017-01")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

NS = dict(PREFIXES) | {
    "actor": str(ACTOR),
    "sec": str(SEC),
    "fig": str(FIG),
    "rlevel": ID + "responsibility-level/",
    "alevel": ID + "administrative-level/",
    "acat": ID + "actor-category/",
    "tg": ID + "target-group/",
    "rtype": ID + "responsibility-type/",
    "fkind": ID + "funding-kind/",
    "measure": ID + "measure/",
}


def _parse(paths: list[Path]) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def graph() -> Graph:
    """All data files plus the ontology and vocabularies, as asserted."""
    files = sorted((ROOT / "data").glob("*.ttl")) + sorted((ROOT / "ontology").rglob("*.ttl"))
    return _parse(files)


@pytest.fixture(scope="module")
def closure(graph: Graph) -> Graph:
    """The OWL 2 RL closure of ``graph`` (a copy; the asserted graph is left alone)."""
    g = Graph()
    for triple in graph:
        g.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return g


def _select(g: Graph, query: str, **bindings: URIRef) -> list[tuple]:
    return [tuple(row) for row in g.query(query, initNs=NS, initBindings=bindings)]


def _slugs(nodes) -> set[str]:
    return {str(n).removeprefix(str(ACTOR)) for n in nodes}


def _values(g: Graph, query: str, **bindings: URIRef) -> set[str]:
    return _slugs(row[0] for row in _select(g, query, **bindings))


# ---------------------------------------------------------------------------------------------
# The report (title page, Forord, Referanseark, table of contents)
# ---------------------------------------------------------------------------------------------

def test_report_metadata(graph: Graph) -> None:
    """Title page and Referanseark: Difi-rapport 2017:01, ISSN 1890-6583, dated 3.2.2017, published
    17.2.2017, 61 pages, published by Difi and commissioned by KMD."""
    rows = _select(graph, """
        SELECT ?title ?id ?num ?issn ?date ?issued ?pages ?pub ?comm WHERE {
          ?r a inno:Report , dcterms:BibliographicResource ; dcterms:title ?title ;
             dcterms:identifier ?id ; inno:reportNumber ?num ; schema:issn ?issn ; dcterms:date ?date ;
             dcterms:issued ?issued ; schema:numberOfPages ?pages ; dcterms:publisher ?pub ;
             inno:commissionedBy ?comm . FILTER(lang(?title) = "nb") }""", r=REPORT)
    assert len(rows) == 1
    title, ident, num, issn, date, issued, pages, pub, comm = rows[0]
    assert str(title) == "Innovasjon i offentlig sektor – både helhet og mangfold"
    assert (str(ident), str(num), str(issn)) == ("Difi-rapport 2017:01", "2017:01", "1890-6583")
    assert date == Literal("2017-02-03", datatype=XSD_DATE)
    assert issued == Literal("2017-02-17", datatype=XSD_DATE)
    assert int(pages) == 61
    assert (pub, comm) == (ACTOR.difi, ACTOR.kmd)


def test_report_authors_and_project_leader(graph: Graph) -> None:
    """Referanseark "Forfatter(e): Inger Johanne Sundby og Ellen Strålberg", "Prosjektleder: Inger
    Johanne Sundby"; Forord names Asgeir Fløtre (faglig ansvarlig) and Eivor Bremer Nebben
    (kvalitetssikret)."""
    authors = {str(n) for (n,) in _select(graph, """
        SELECT ?name WHERE { ?r dcterms:creator ?p . ?p a schema:Person , foaf:Person ; schema:name ?name }""",
        r=REPORT)}
    assert authors == {"Inger Johanne Sundby", "Ellen Strålberg"}
    roles = {(str(role), str(name)) for role, name in _select(graph, """
        SELECT ?role ?name WHERE { ?r schema:contributor ?c . ?c schema:roleName ?role ; schema:contributor ?p .
          ?p schema:name ?name . FILTER(lang(?role) = "nb") }""", r=REPORT)}
    assert ("prosjektleder", "Inger Johanne Sundby") in roles
    assert ("faglig ansvarlig", "Asgeir Fløtre") in roles
    assert ("kvalitetssikret", "Eivor Bremer Nebben") in roles


def test_report_keywords(graph: Graph) -> None:
    """Referanseark "Emneord": 17 subject keywords, each with an English translation."""
    nb = {str(k) for k in graph.objects(REPORT, URIRef(NS["schema"] + "keywords")) if k.language == "nb"}
    en = {str(k) for k in graph.objects(REPORT, URIRef(NS["schema"] + "keywords")) if k.language == "en"}
    assert len(nb) == len(en) == 17
    assert {"innovasjonslaboratorium", "hospiteringsordning", "etatsstyring"} <= nb


def test_table_of_contents_sections(graph: Graph) -> None:
    """Innhold: every numbered section (1 … 10, 6.1.1 … 6.1.8, 8.3.1 … 8.3.6) is a ReportSection with an
    nb and an en title, and its dcterms:isPartOf chain ends at the report."""
    toc = ("1 2 2.1 2.2 2.3 3 4 4.1 4.2 5 5.1 5.2 6 6.1 6.1.1 6.1.2 6.1.3 6.1.4 6.1.5 6.1.6 6.1.7 6.1.8 "
           "7 7.1 7.2 7.3 7.4 8 8.1 8.2 8.3 8.3.1 8.3.2 8.3.3 8.3.4 8.3.5 8.3.6 9 10").split()
    rows = _select(graph, """
        SELECT ?num (COUNT(DISTINCT ?nb) AS ?n_nb) (COUNT(DISTINCT ?en) AS ?n_en) WHERE {
          ?s a inno:ReportSection ; inno:sectionNumber ?num ; dcterms:isPartOf+ ?r ;
             dcterms:title ?nb , ?en . FILTER(lang(?nb) = "nb" && lang(?en) = "en") } GROUP BY ?num""", r=REPORT)
    found = {str(num): (int(n_nb), int(n_en)) for num, n_nb, n_en in rows}
    for number in toc:
        assert found.get(number) == (1, 1), number
    for extra in ("forord", "vedlegg-1", "vedlegg-2", "vedlegg-3", "vedlegg-4", "referanseark"):
        assert (SEC[extra], RDF.type, INNO.ReportSection) in graph, extra


def test_parent_sections(graph: Graph) -> None:
    """Innhold: 6.1.3 is part of 6.1, 8.3.6 of 8.3, Vedlegg 2 of 10 Vedlegg."""
    isPartOf = URIRef("http://purl.org/dc/terms/isPartOf")
    assert graph.value(SEC["6.1.3"], isPartOf) == SEC["6.1"]
    assert graph.value(SEC["8.3.6"], isPartOf) == SEC["8.3"]
    assert graph.value(SEC["vedlegg-2"], isPartOf) == SEC["10"]


def test_figures_belong_to_their_sections(graph: Graph) -> None:
    """Figur 1 (4.2), Figur 2 (6.1), Figur 3 (7.1), Figur 4 and 5 (8.1), Figur 6 (8.2)."""
    rows = _select(graph, "SELECT ?f ?s WHERE { ?f a inno:Figure ; dcterms:isPartOf ?s }")
    placed = {str(f).removeprefix(str(FIG)): str(s).removeprefix(str(SEC)) for f, s in rows}
    assert placed == {"1": "4.2", "2": "6.1", "3": "7.1", "4": "8.1", "5": "8.1", "6": "8.2"}


def test_report_references_resolve(graph: Graph) -> None:
    """Vedlegg 4 and the footnotes: every work the report cites is a typed resource with nb and en labels
    (4.1's «jf. Teigen» names no title, so a title is not required)."""
    dangling = _select(graph, """
        SELECT ?w WHERE { ?r dcterms:references ?w .
          FILTER NOT EXISTS { ?w a ?type ; skos:prefLabel ?nb , ?en . FILTER(lang(?nb) = "nb" && lang(?en) = "en") } }""",
        r=REPORT)
    assert dangling == []
    assert len(set(graph.objects(REPORT, URIRef("http://purl.org/dc/terms/references")))) >= 40


# ---------------------------------------------------------------------------------------------
# Actors: coverage and universal rules
# ---------------------------------------------------------------------------------------------

def test_model_spec_actor_slugs_are_defined(graph: Graph) -> None:
    """Chapters 3–9, Vedlegg 1–2: every actor slug of MODEL-SPEC.md's contract has a kind."""
    spec = (ROOT / "ontology" / "MODEL-SPEC.md").read_text(encoding="utf-8")
    block = spec.split("Actors [data/actors*.ttl]:", 1)[1].split("Instruments [", 1)[0]
    block = re.sub(r"\([^)]*\)", "", block)
    slugs = {s.strip().rstrip(".").strip() for s in block.replace("\n", " ").split(",") if s.strip()}
    missing = [s for s in sorted(slugs) if (ACTOR[s], RDF.type, None) not in graph]
    assert len(slugs) > 80
    assert missing == []


def test_every_actor_has_labels_level_and_source(graph: Graph) -> None:
    """Universal rules (MODEL-SPEC) and 6.1/Figure 2: each actor has one nb and one en prefLabel, a
    responsibility level and a source."""
    rows = _select(graph, """
        SELECT ?a (COUNT(DISTINCT ?nb) AS ?nnb) (COUNT(DISTINCT ?en) AS ?nen)
               (COUNT(DISTINCT ?lvl) AS ?nl) (COUNT(DISTINCT ?src) AS ?ns) WHERE {
          ?a a ?kind . ?kind rdfs:subClassOf* inno:Actor .
          OPTIONAL { ?a skos:prefLabel ?nb FILTER(lang(?nb) = "nb") }
          OPTIONAL { ?a skos:prefLabel ?en FILTER(lang(?en) = "en") }
          OPTIONAL { ?a inno:responsibilityLevel ?lvl }
          OPTIONAL { ?a inno:source ?src } } GROUP BY ?a""")
    assert len(rows) >= 100
    bad = [(a, nnb, nen, nl, ns) for a, nnb, nen, nl, ns in rows
           if int(nnb) != 1 or int(nen) != 1 or int(nl) < 1 or int(ns) < 1]
    assert bad == []


def test_foreign_levels_are_explained(graph: Graph) -> None:
    """5.1, 7.3, 8.1, 8.2: the foreign bodies are outside the Norwegian system of 6.1, so each one's
    responsibility level carries an editorial note saying on what ground it is given."""
    unexplained = _select(graph, """
        SELECT ?a WHERE { ?a inno:administrativeLevel alevel:foreign .
          FILTER NOT EXISTS { ?a skos:editorialNote ?n } }""")
    assert unexplained == []
    foreign = _values(graph, "SELECT ?a WHERE { ?a inno:administrativeLevel alevel:foreign }")
    assert {"mindlab", "coi", "nesta", "bloomberg-philanthropies", "bit", "barcelona-urban-lab", "oecd",
            "nordisk-ministerrad"} <= foreign


def test_interviewed_users_of_chapter_3(graph: Graph) -> None:
    """3 Datagrunnlag og metode: the six interviewed «brukerne» are Bærum kommune, Tolldirektoratet,
    Utdanningsdirektoratet, Statens vegvesen, Husbanken and Lånekassen."""
    users = _values(graph, """
        SELECT ?a WHERE { ?a inno:source sec:3 ; dcterms:description ?d .
          FILTER(lang(?d) = "nb" && CONTAINS(?d, "«brukerne»")) }""")
    assert users == {"baerum-kommune", "tolldirektoratet", "utdanningsdirektoratet", "statens-vegvesen",
                     "husbanken", "lanekassen"}


def test_education_institutions_of_6_1_6(graph: Graph) -> None:
    """6.1.6: the university colleges in Lillehammer, Hedmark, Molde, Sørøst-Norge and Bergen and AHO,
    plus the research school NORSI with course programmes at ten institutions."""
    colleges = _values(graph, "SELECT ?a WHERE { ?a a inno:EducationInstitution ; inno:source sec:6.1.6 }")
    assert colleges == {"hogskolen-i-lillehammer", "hogskolen-i-hedmark", "hogskolen-i-molde",
                        "hogskolen-i-sorost-norge", "hogskolen-i-bergen", "aho"}
    rows = _select(graph, """
        SELECT ?v WHERE { actor:norsi a inno:ResearchSchool ; inno:statistic ?s .
          ?s inno:measure measure:institutions ; schema:value ?v }""")
    assert [int(v) for (v,) in rows] == [10]


def test_four_innovation_companies_of_6_1_7(graph: Graph) -> None:
    """6.1.7: Inven2, SoCentral, Oslo Medtech and Smarte byer Norge."""
    companies = _values(graph, """
        SELECT ?a WHERE { ?a a inno:InnovationCompany ; inno:actorCategory acat:innovation-companies }""")
    assert companies == {"inven2", "socentral", "oslo-medtech", "smarte-byer-norge"}


def test_competence_networks_of_6_1_5(graph: Graph) -> None:
    """6.1.5 and Vedlegg 2 "Kompetansenettverk": Innovasjonsnettverket, InnoMed, Innovasjonsalliansen,
    Innovation Forum Norway."""
    networks = _values(graph, "SELECT ?a WHERE { ?a a inno:Network ; inno:actorCategory acat:competence-networks }")
    assert networks == {"innovasjonsnettverket", "innomed", "innovasjonsalliansen", "innovation-forum-norway"}


def test_central_innovation_actors_are_the_drivers(graph: Graph) -> None:
    """Forord, 9 (recommendation 7), 6.1: Difi, Forskningsrådet, KS, Innovasjon Norge, DogA and
    Helsedirektoratet/Direktoratet for e-helse are the central innovation actors, each a driver."""
    members = _values(graph, """
        SELECT ?m WHERE { actor:sentrale-innovasjonsaktorer a inno:ActorGroup ; org:hasMember ?m .
          ?m inno:responsibilityLevel rlevel:driver }""")
    assert members == {"difi", "forskningsradet", "ks", "innovasjon-norge", "doga", "helsedirektoratet",
                       "direktoratet-for-e-helse"}


def test_ks_vision_and_target_group(graph: Graph) -> None:
    """6.1.2, 8.3.6, Vedlegg 2: KS' vision «En selvstendig og nyskapende kommunesektor»; target group
    «Kommunal sektor»."""
    rows = _select(graph, """
        SELECT ?v ?t WHERE { actor:ks inno:vision ?v ; inno:targetGroupText ?t ; inno:targetGroup tg:municipal-sector .
          FILTER(lang(?v) = "nb" && lang(?t) = "nb") }""")
    assert [(str(v), str(t)) for v, t in rows] == [("En selvstendig og nyskapende kommunesektor", "Kommunal sektor")]


def test_teknologiradet(graph: Graph) -> None:
    """6.1.8: Teknologirådet, an independent public body created in 1999 on the Storting's initiative,
    vision «teknologiråd for fremtidens samfunn»."""
    rows = _select(graph, """
        SELECT ?y ?v WHERE { actor:teknologiradet a inno:IndependentPublicBody ; inno:foundingYear ?y ;
          inno:initiatedBy actor:stortinget ; inno:vision ?v . FILTER(lang(?v) = "nb") }""")
    assert [(str(y), str(v)) for y, v in rows] == [("1999", "teknologiråd for fremtidens samfunn")]


def test_founding_years(graph: Graph) -> None:
    """5.1, 6.1.5, 8.1 footnote 11: Innovasjonsalliansen (KS, March 2010), Forskningsrådet's department
    for public-sector innovation (2016), Nesta (1997)."""
    years = {a: str(y) for a, y in _select(graph, "SELECT ?a ?y WHERE { ?a inno:foundingYear ?y }")}
    assert years[ACTOR.innovasjonsalliansen] == "2010"
    assert years[ACTOR["forskningsradet-avdeling-innovasjon"]] == "2016"
    assert years[ACTOR.nesta] == "1997"
    assert (ACTOR.innovasjonsalliansen, INNO.establishedBy, ACTOR.ks) in graph


# ---------------------------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------------------------

def test_innovasjon_norge_owners_and_shares(graph: Graph) -> None:
    """6.1.3: «Nærings- og fiskeridepartementet er hovedeier med 51 prosent, og fylkeskommunene eier
    49 prosent»."""
    rows = _select(graph, """
        SELECT ?owner ?share WHERE { ?o a inno:Ownership ; inno:ownedOrganisation actor:innovasjon-norge ;
          inno:owner ?owner ; inno:share ?share ; inno:source sec:6.1.3 }""")
    shares = {str(o).removeprefix(str(ACTOR)): float(s) for o, s in rows}
    assert shares == {"nfd": 51.0, "fylkeskommunene": 49.0}


def test_inven2_owners_without_shares(graph: Graph) -> None:
    """Vedlegg 2: Inven2 «Eies av Universitetet i Oslo og Oslo Universitetssykehus»; no shares given."""
    rows = _select(graph, """
        SELECT ?owner ?share WHERE { ?o a inno:Ownership ; inno:ownedOrganisation actor:inven2 ; inno:owner ?owner .
          OPTIONAL { ?o inno:share ?share } }""")
    assert _slugs(o for o, _ in rows) == {"universitetet-i-oslo", "oslo-universitetssykehus"}
    assert all(share is None for _, share in rows)


def test_innovasjon_norge_manages_funds(graph: Graph) -> None:
    """6.1.3: Innovasjon Norge «forvalter i tillegg midler fra KMD, LMD, UD og fylkesmennene»."""
    funders = _values(graph, """
        SELECT ?f WHERE { ?x a inno:FundingFlow ; inno:recipient actor:innovasjon-norge ; inno:funder ?f ;
          inno:fundingKind fkind:managed-funds ; inno:source sec:6.1.3 }""")
    assert funders == {"kmd", "lmd", "ud", "fylkesmennene"}


def test_doga_operating_grant_from_nfd(graph: Graph) -> None:
    """6.1.3: «DogA mottar statlig driftstilskudd fra Nærings- og fiskeridepartementet (NFD)»."""
    funders = _values(graph, """
        SELECT ?f WHERE { ?x inno:recipient actor:doga ; inno:funder ?f ; inno:fundingKind fkind:operating-grant }""")
    assert funders == {"nfd"}


def test_innovasjonsnettverket_members(graph: Graph) -> None:
    """6.1.5, Vedlegg 2: the participants are «17 statlige virksomheter i tillegg til KS»; 5.1: Difi took
    the initiative."""
    rows = _select(graph, """
        SELECT ?v WHERE { actor:innovasjonsnettverket org:hasMember actor:ks ; inno:initiatedBy actor:difi ;
          inno:statistic ?s . ?s inno:measure measure:state-member-bodies ; schema:value ?v }""")
    assert [int(v) for (v,) in rows] == [17]


def test_innovasjonsnettverket_facilitator(graph: Graph) -> None:
    """5.1 «Difi bidrar med tilrettelegging» and 6.1.5 «Difi hadde rollen som fasilitator»: both readings
    are facilitator responsibilities of Difi, each with its own source."""
    sources = {str(s).removeprefix(str(SEC)) for (s,) in _select(graph, """
        SELECT ?src WHERE { ?r a inno:ResponsibilityAssignment ; inno:actor actor:difi ;
          inno:responsibleFor actor:innovasjonsnettverket ; inno:responsibilityType rtype:facilitator ;
          inno:source ?src }""")}
    assert sources == {"5.1", "6.1.5"}


def test_supplier_programme_responsibilities(graph: Graph) -> None:
    """5.1, 6.1.4: «NHO, KS og Difi er programansvarlige og NHO har prosjektlederansvaret gjennom et lite
    sekretariat»; regional contacts at NHO's and KS' regional offices."""
    rows = _select(graph, """
        SELECT ?a ?t WHERE { ?r a inno:ResponsibilityAssignment ;
          inno:responsibleFor actor:leverandorutviklingsprogrammet ; inno:actor ?a ; inno:responsibilityType ?t }""")
    by_type: dict[str, set[str]] = {}
    for actor, rtype in rows:
        by_type.setdefault(str(rtype).rsplit("/", 1)[1], set()).add(str(actor).removeprefix(str(ACTOR)))
    assert by_type["programme-owner"] == {"nho", "ks", "difi"}
    assert by_type["secretariat"] == {"nho"}
    assert by_type["project-management"] == {"nho"}
    assert by_type["regional-contact"] == {"nho-regionkontorer", "ks-regionkontorer"}


def test_supplier_programme_establishment_and_pilots(graph: Graph) -> None:
    """5.1, 6.1.4: established in 2010 by KS and NHO; 40 pilot projects since the start."""
    founders = _values(graph, "SELECT ?f WHERE { actor:leverandorutviklingsprogrammet inno:establishedBy ?f }")
    assert founders == {"ks", "nho"}
    rows = _select(graph, """
        SELECT ?y ?v WHERE { actor:leverandorutviklingsprogrammet inno:foundingYear ?y ; inno:statistic ?s .
          ?s inno:measure measure:pilot-projects ; schema:value ?v }""")
    assert [(str(y), int(v)) for y, v in rows] == [("2010", 40)]


def test_innomed(graph: Graph) -> None:
    """6.1.5: InnoMed was «etablert på oppdrag fra Helse- og omsorgsdepartementet»; Helsedirektoratet is
    responsible and Innovasjon Norge a central partner."""
    assert (ACTOR.innomed, INNO.commissionedBy, ACTOR.hod) in graph
    responsible = _values(graph, """
        SELECT ?a WHERE { ?r inno:responsibleFor actor:innomed ; inno:actor ?a ;
          inno:responsibilityType rtype:responsible-body }""")
    assert responsible == {"helsedirektoratet"}
    assert (ACTOR.innomed, INNO.collaboratesWith, ACTOR["innovasjon-norge"]) in graph


def test_steering_only_where_the_report_says(graph: Graph) -> None:
    """1, 2.2, 2.3, 6.1.2: Difi is steered by KMD, the health directorates by HOD. For agencies whose
    ministry the report never names (3), a steering ministry is stated only with an owner-ministry
    assignment that cites an inno:ExternalSource; Husbanken has none."""
    steered = {(s, o) for s, o in _select(graph, "SELECT ?s ?o WHERE { ?s inno:steeredBy ?o }")}
    assert (ACTOR.difi, ACTOR.kmd) in steered
    assert (ACTOR.helsedirektoratet, ACTOR.hod) in steered
    assert (ACTOR["direktoratet-for-e-helse"], ACTOR.hod) in steered
    uncited = _select(graph, """
        SELECT ?s ?o WHERE { VALUES ?s { actor:tolldirektoratet actor:utdanningsdirektoratet actor:husbanken
                                         actor:lanekassen actor:forskningsradet actor:skattedirektoratet }
          ?s inno:steeredBy ?o .
          FILTER NOT EXISTS { ?r inno:actor ?o ; inno:responsibleFor ?s ; inno:responsibilityType rtype:owner-ministry ;
                                 inno:source ?src . ?src a inno:ExternalSource } }""")
    assert uncited == []
    assert (ACTOR.forskningsradet, ACTOR.kd) in steered
    assert not any(s == ACTOR.husbanken for s, _ in steered)


def test_ministries_under_the_government(graph: Graph) -> None:
    """6.1 «regjeringen og departementene», Vedlegg 1: every Norwegian ministry is a sub-organisation of
    the government and makes policy."""
    rows = _select(graph, """
        SELECT ?m WHERE { ?m a inno:Ministry ; inno:administrativeLevel alevel:state ;
          inno:responsibilityLevel rlevel:policy-making .
          FILTER NOT EXISTS { ?m org:subOrganizationOf actor:regjeringen } }""")
    assert rows == []
    ministries = _values(graph, "SELECT ?m WHERE { ?m a inno:Ministry ; inno:administrativeLevel alevel:state }")
    assert {"asd", "bld", "hod", "kd", "kud", "kld", "lmd", "nfd", "oed", "sd", "ud", "kmd", "fin", "fd", "jd"} <= ministries


def test_zero_24_cooperation_counts_unnamed_directorates(graph: Graph) -> None:
    """8.1: the 0–24 cooperation is between «fem direktorater og deres departementer», none named."""
    rows = _select(graph, """
        SELECT ?v WHERE { actor:0-24-samarbeidet inno:statistic ?s . ?s schema:value ?v ;
          inno:measure measure:participating-directorates }""")
    assert [int(v) for (v,) in rows] == [5]
    assert (ACTOR["0-24-samarbeidet"], ORG.hasMember, None) not in graph


def test_qualified_statements_cite_a_source(graph: Graph) -> None:
    """9 Provenance rule of issue 4: every ownership, funding flow and responsibility assignment links
    to the report part it comes from."""
    rows = _select(graph, """
        SELECT ?x WHERE { VALUES ?c { inno:Ownership inno:FundingFlow inno:ResponsibilityAssignment }
          ?x a ?c . FILTER NOT EXISTS { ?x inno:source ?s } }""")
    assert rows == []


def test_own_files_have_no_blank_nodes() -> None:
    """MODEL-SPEC: no blank nodes in data/ (things a registry may link to get IRIs)."""
    for rel in OWN_FILES:
        if not rel.startswith("data/"):
            continue
        g = _parse([ROOT / rel])
        assert not [t for t in g if any(isinstance(n, BNode) for n in t)], rel


# ---------------------------------------------------------------------------------------------
# Reasoning (OWL 2 RL)
# ---------------------------------------------------------------------------------------------

def test_closure_is_consistent_and_infers_ownership(closure: Graph) -> None:
    """6.1.3 and 2.3: under OWL 2 RL nothing becomes owl:Nothing; NFD owns Innovasjon Norge through the
    Ownership chain, and Difi is a sub-organisation of KMD through inno:steeredBy."""
    assert list(closure.subjects(RDF.type, OWL.Nothing)) == []
    assert (ACTOR.nfd, INNO.owns, ACTOR["innovasjon-norge"]) in closure
    assert (ACTOR.difi, ORG.subOrganizationOf, ACTOR.kmd) in closure
    assert (ACTOR.difi, INNO.steeredByTransitive, ACTOR.kmd) in closure
