"""Audit A: report metadata, actors, relations, instruments and policy documents against the report.

Each test checks facts an audit of Difi-rapport 2017:01 verified or added; its docstring names the
report section (or figure) the fact comes from. The tests query the real data files with SPARQL.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.namespaces import CANONICAL, PREFIXES

ROOT = Path(__file__).resolve().parents[1]
OWN_FILES = (
    "data/report.ttl",
    "data/actors-public.ttl",
    "data/actors-innovation.ttl",
    "data/actors-foreign.ttl",
    "data/relations.ttl",
    "data/instruments.ttl",
    "data/instruments-vedlegg-1.ttl",
    "data/policy.ttl",
)

ID = CANONICAL.id
INNO = CANONICAL.inno
ACTOR = Namespace(ID + "actor/")
INSTR = Namespace(ID + "instrument/")
DOC = Namespace(ID + "document/")
PROJECT = Namespace(ID + "project/")
SEC = Namespace(ID + "section/")
RLEVEL = Namespace(ID + "responsibility-level/")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

NS = dict(PREFIXES) | {
    "actor": str(ACTOR), "instr": str(INSTR), "doc": str(DOC), "sec": str(SEC), "rlevel": str(RLEVEL),
    "measure": ID + "measure/", "lifecycle": ID + "lifecycle/", "acat": ID + "actor-category/",
    "rtype": ID + "responsibility-type/",
}

# Vedlegg 2: one entry per table row (Difi has two rows: its two competence centres; the
# Helse- og e-helse dir. row stands for both directorates).
VEDLEGG_2_ROWS = {
    "difi-kompetansemiljo-innovasjon": "state-public-sector-innovation",
    "difi-innovative-anskaffelser": "state-public-sector-innovation",
    "forskningsradet": "state-public-sector-innovation",
    "ks": "sector-initiatives",
    "helsedirektoratet": "sector-initiatives",
    "direktoratet-for-e-helse": "sector-initiatives",
    "innovasjon-norge": "business-promotion",
    "siva": "business-promotion",
    "patentstyret": "business-promotion",
    "doga": "business-promotion",
    "leverandorutviklingsprogrammet": "partnership-programmes",
    "innovasjonsnettverket": "competence-networks",
    "innomed": "competence-networks",
    "innovasjonsalliansen": "competence-networks",
    "innovation-forum-norway": "competence-networks",
    "hogskolen-i-lillehammer": "education-institutions",
    "hogskolen-i-hedmark": "education-institutions",
    "hogskolen-i-molde": "education-institutions",
    "hogskolen-i-sorost-norge": "education-institutions",
    "hogskolen-i-bergen": "education-institutions",
    "norsi": "education-institutions",
    "aho": "education-institutions",
    "sfi": "education-institutions",
    "nifu": "education-institutions",
    "inven2": "innovation-companies",
    "socentral": "innovation-companies",
    "oslo-medtech": "innovation-companies",
    "smarte-byer-norge": "innovation-companies",
    "teknologiradet": "others",
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    """All data files plus the ontology and vocabularies, as asserted."""
    g = Graph()
    for path in sorted((ROOT / "data").glob("*.ttl")) + sorted((ROOT / "ontology").rglob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def own() -> Graph:
    """Only the files this audit covers."""
    g = Graph()
    for name in OWN_FILES:
        g.parse(ROOT / name, format="turtle")
    return g


def _texts(g: Graph, subject: URIRef, prop: URIRef, lang: str) -> set[str]:
    return {str(o) for o in g.objects(subject, prop) if isinstance(o, Literal) and o.language == lang}


def _one(g: Graph, query: str, **bindings: URIRef) -> tuple:
    rows = list(g.query(query, initNs=NS, initBindings=bindings))
    assert len(rows) == 1, rows
    return tuple(rows[0])


# ---------------------------------------------------------------------------------------------
# Vedlegg 2: the actor overview table
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug,category", sorted(VEDLEGG_2_ROWS.items()))
def test_every_vedlegg_2_row_has_its_category_and_source(graph: Graph, slug: str, category: str) -> None:
    """Vedlegg 2 (Oversikt – Innovasjonsaktørene): every row's actor carries the table group it sits
    in as its actor category, cites Vedlegg 2, and has a description in nb and en."""
    actor = ACTOR[slug]
    assert set(graph.objects(actor, INNO.actorCategory)) == {URIRef(NS["acat"] + category)}
    assert SEC["vedlegg-2"] in set(graph.objects(actor, INNO.source))
    assert _texts(graph, actor, DCTERMS.description, "nb") and _texts(graph, actor, DCTERMS.description, "en")


def test_vedlegg_2_target_group_cells(graph: Graph) -> None:
    """Vedlegg 2, column «Målgruppe»: the cells as printed, in nb, for the rows that have one."""
    cells = {
        "difi-kompetansemiljo-innovasjon": "Offentlig sektor, med hovedvekt på kommunene",
        "difi-innovative-anskaffelser": "Offentlig sektor",
        "ks": "Kommunal sektor",
        "innovasjon-norge": "Norsk næringsliv",
        "siva": "Norsk næringsliv",
        "patentstyret": "Norsk næringsliv",
        "leverandorutviklingsprogrammet": "Kommunale og statlige virksomheter og næringsliv",
        "innovasjonsnettverket": "17 statlige virksomheter i tillegg til KS",
        "innomed": "Helse- og omsorgssektoren",
        "innovasjonsalliansen": "Kommunene",
        "innovation-forum-norway": "Forumet krever medlemskap",
    }
    for slug, text in cells.items():
        assert text in _texts(graph, ACTOR[slug], INNO.targetGroupText, "nb"), slug
        assert _texts(graph, ACTOR[slug], INNO.targetGroupText, "en"), slug


def test_vedlegg_2_activity_cells(graph: Graph) -> None:
    """Vedlegg 2, column «Virkemidler/aktiviteter»: IN's clusters and business networks, Siva's property
    investments, the supplier programme's pilots/method/meeting places, InnoMed's three activities."""
    expected = {
        "innovasjon-norge": "Klynger og bedriftsnettverk",
        "siva": "Eiendomsinvesteringer og innovasjonsaktiviteter",
        "difi-innovative-anskaffelser": "Veiledning og verktøy",
    }
    for slug, text in expected.items():
        assert text in _texts(graph, ACTOR[slug], INNO.activitiesText, "nb"), slug
    (lup,) = _texts(graph, ACTOR["leverandorutviklingsprogrammet"], INNO.activitiesText, "nb")
    assert all(part in lup for part in ("pilotprosjekter", "metode for innovative offentlige anskaffelser",
                                        "møteplasser"))
    (innomed,) = _texts(graph, ACTOR.innomed, INNO.activitiesText, "nb")
    assert all(part in innomed for part in ("Forankring og stimulering", "Innovasjonsprosjekter",
                                            "Kunnskapsutvikling og -formidling"))


# ---------------------------------------------------------------------------------------------
# Figure 2 / 6.1: responsibility levels
# ---------------------------------------------------------------------------------------------

def test_figure_2_levels(graph: Graph) -> None:
    """6.1 and Figure 2: the government and ministries make policy; municipalities and state agencies
    implement; the red-framed bodies (the central innovation actors) are drivers; business (the stars)
    is the private-sector level."""
    def level(slug: str) -> set[URIRef]:
        return set(graph.objects(ACTOR[slug], INNO.responsibilityLevel))

    for slug in ("regjeringen", "kmd", "nfd", "hod", "departementene"):
        assert level(slug) == {RLEVEL["policy-making"]}, slug
    for slug in ("baerum-kommune", "fylkeskommunene", "tolldirektoratet", "statens-vegvesen"):
        assert level(slug) == {RLEVEL.implementation}, slug
    central = set(graph.objects(ACTOR["sentrale-innovasjonsaktorer"], URIRef(NS["org"] + "hasMember")))
    assert {str(a).removeprefix(str(ACTOR)) for a in central} == {
        "difi", "forskningsradet", "ks", "innovasjon-norge", "doga", "helsedirektoratet",
        "direktoratet-for-e-helse"}
    for actor in central:
        assert set(graph.objects(actor, INNO.responsibilityLevel)) == {RLEVEL.driver}, actor
    assert level("naeringslivet") == {RLEVEL["private-sector"]}


# ---------------------------------------------------------------------------------------------
# Vedlegg 1: ministries
# ---------------------------------------------------------------------------------------------

def test_every_ministry_is_described_in_both_languages(graph: Graph) -> None:
    """Vedlegg 1 (Sektorpolitikken): every ministry the review discusses (BLD, KUD, KLD, LMD, OED, SD,
    UD among them) has a description in nb and in en."""
    for ministry in graph.subjects(RDF.type, INNO.Ministry):
        if not str(ministry).startswith(str(ACTOR)) or ministry == ACTOR["finansministeriet-finland"]:
            continue
        nb = _texts(graph, ministry, DCTERMS.description, "nb")
        en = _texts(graph, ministry, DCTERMS.description, "en")
        assert len(nb) == len(en) == 1, ministry
    assert "SMARTRANS" in next(iter(_texts(graph, ACTOR.sd, DCTERMS.description, "nb")))
    assert "Visjon 2030" in next(iter(_texts(graph, ACTOR.ud, DCTERMS.description, "nb")))
    assert "Nasjonalbiblioteket" in next(iter(_texts(graph, ACTOR.kud, DCTERMS.description, "nb")))


def test_innovasjon_norge_main_work_area(graph: Graph) -> None:
    """6.1.3: «Ett av de tre hovedarbeidsområdene er å bidra til økt verdiskaping og konkurransekraft
    ved å skape gode miljøer for innovasjon»; 5.1: IN also promotes Norway as a travel destination."""
    (nb,) = _texts(graph, ACTOR["innovasjon-norge"], DCTERMS.description, "nb")
    assert "tre hovedarbeidsområdene" in nb and "reisemål" in nb


# ---------------------------------------------------------------------------------------------
# Amounts and counts
# ---------------------------------------------------------------------------------------------

def test_amounts_with_value_currency_year_and_approximation(graph: Graph) -> None:
    """Vedlegg 1: 5 mill. kr to Difi in 2016 (exact); «om lag 15 mill. kroner» in 2017 for the school
    innovation scheme (approximate); regional research funds 453 mill. (exact), «nærmare 320» and
    «om lag 250» mill. kroner (approximate), cumulative, with no year."""
    query = """SELECT ?value ?cur ?year ?approx WHERE { ?i inno:amount ?a . ?a schema:value ?value ;
                 schema:currency ?cur . OPTIONAL { ?a inno:year ?year } OPTIONAL { ?a inno:approximate ?approx } }"""
    def amounts(slug: str) -> set[tuple]:
        rows = graph.query(query, initNs=NS, initBindings={"i": INSTR[slug]})
        return {(r.value.toPython(), str(r.cur), None if r.year is None else str(r.year),
                 bool(r.approx and r.approx.toPython())) for r in rows}

    assert amounts("stimuleringsordningen") == {(Decimal("5000000"), "NOK", "2016", False)}
    assert amounts("innovasjonsordning-skoler") == {(Decimal("15000000"), "NOK", "2017", True)}
    assert amounts("regionale-forskningsfond") == {
        (Decimal("453000000"), "NOK", None, False), (Decimal("320000000"), "NOK", None, True),
        (Decimal("250000000"), "NOK", None, True)}


def test_innovation_speech_2015_purchasing_power(graph: Graph) -> None:
    """5.1: Innovasjonstalen 2015: «Den offentlige innkjøpskraften representerer rundt 400 milliarder
    årlig» — an approximate yearly amount, so no single year."""
    value, cur, approx = _one(graph, """SELECT ?v ?c ?x WHERE { doc:innovasjonstalen-2015 inno:amount ?a .
        ?a schema:value ?v ; schema:currency ?c ; inno:approximate ?x ; inno:source sec:5.1 .
        FILTER NOT EXISTS { ?a inno:year ?y } }""")
    assert value.toPython() == Decimal("400000000000") and str(cur) == "NOK" and approx.toPython() is True


def test_counts_the_report_gives(graph: Graph) -> None:
    """6.1.4: 40 pilot projects; 6.1.5/Vedlegg 2: 17 state bodies in Innovasjonsnettverket; Vedlegg 2:
    17 SFI centres; 6.1.6: NORSI at ten institutions; Vedlegg 1: DIP 116 applications and 18 projects in
    2014; 8.1: five directorates in the 0–24 cooperation."""
    rows = graph.query("""SELECT ?owner ?value ?measure WHERE { ?owner inno:statistic ?s .
        ?s schema:value ?value ; inno:measure ?measure }""", initNs=NS)
    found = {(str(r.owner).removeprefix(ID), int(r.value), str(r.measure).removeprefix(NS["measure"]))
             for r in rows}
    assert {
        ("actor/leverandorutviklingsprogrammet", 40, "pilot-projects"),
        ("actor/innovasjonsnettverket", 17, "state-member-bodies"),
        ("actor/sfi", 17, "centres"),
        ("actor/norsi", 10, "institutions"),
        ("instrument/designdrevet-innovasjonsprogram", 116, "applications"),
        ("instrument/designdrevet-innovasjonsprogram", 18, "projects-started"),
        ("actor/0-24-samarbeidet", 5, "participating-directorates"),
    } <= found


# ---------------------------------------------------------------------------------------------
# Years
# ---------------------------------------------------------------------------------------------

def test_years_of_actors_programmes_and_documents(graph: Graph) -> None:
    """6.1.8: Teknologirådet 1999; 5.1/6.1.5: Innovasjonsalliansen March 2010; 6.1.4: the supplier
    programme 2010; 5.1: Forskningsrådet's department 2016; 8.1 fn. 11: Nesta 1997; Vedlegg 1: SMARTRANS
    ended 2014/2015, Velferdsteknologiens ABC autumn 2015; 5.1: the municipal strategy April 2013 by KRD;
    fn. 6: the health innovation-system report delivered 5 January 2017."""
    founding = {
        "teknologiradet": "1999", "innovasjonsalliansen": "2010", "leverandorutviklingsprogrammet": "2010",
        "forskningsradet-avdeling-innovasjon": "2016", "nesta": "1997",
    }
    for slug, year in founding.items():
        assert set(graph.objects(ACTOR[slug], INNO.foundingYear)) == {Literal(year, datatype=GYEAR)}, slug
    assert set(graph.objects(INSTR.smartrans, INNO.endYear)) == {Literal("2014", datatype=GYEAR)}
    assert set(graph.objects(INSTR["velferdsteknologiens-abc"], INNO.startYear)) == {
        Literal("2015", datatype=GYEAR)}
    strategy = DOC["strategi-innovasjon-kommunesektoren-2013"]
    assert set(graph.objects(strategy, DCTERMS.issued)) == {Literal("2013", datatype=GYEAR)}
    assert set(graph.objects(strategy, INNO.issuedBy)) == {ACTOR.krd}
    assert set(graph.objects(DOC["helsedirektoratet-innovasjonssystem-2017"], DCTERMS.issued)) == {
        Literal("2017-01-05", datatype=DATE)}


def test_white_papers_have_number_year_and_ministry(graph: Graph) -> None:
    """Vedlegg 4 and 5.1: St.meld. nr. 7 (2008–2009) by NFD (2008); Meld. St. 7 (2014–2015) by KD (2014);
    Meld. St. 29 (2012–2013) by HOD (2013)."""
    expected = {
        "st-meld-7-2008-2009": ("St.meld. nr. 7 (2008–2009)", "2008", "nfd"),
        "meld-st-7-2014-2015": ("Meld. St. 7 (2014–2015)", "2014", "kd"),
        "meld-st-29-2012-2013": ("Meld. St. 29 (2012–2013)", "2013", "hod"),
    }
    for slug, (number, year, ministry) in expected.items():
        doc = DOC[slug]
        assert (doc, RDF.type, INNO.WhitePaper) in graph
        assert {str(n) for n in graph.objects(doc, INNO.documentNumber)} == {number}
        assert set(graph.objects(doc, DCTERMS.issued)) == {Literal(year, datatype=GYEAR)}
        assert set(graph.objects(doc, INNO.issuedBy)) == {ACTOR[ministry]}


def test_planned_research_council_strategy(graph: Graph) -> None:
    """6.1.1 and Vedlegg 2: «Forskningsrådet er i gang med å utvikle en ny strategi for innovasjon i
    offentlig sektor» — a planned strategy issued by the Research Council."""
    doc = DOC["forskningsradet-strategi-innovasjon-offentlig-sektor"]
    assert (doc, RDF.type, INNO.Strategy) in graph
    assert set(graph.objects(doc, INNO.issuedBy)) == {ACTOR.forskningsradet}
    assert set(graph.objects(doc, INNO.lifecycle)) == {URIRef(NS["lifecycle"] + "planned")}
    assert {SEC["6.1.1"], SEC["vedlegg-2"]} <= set(graph.objects(doc, INNO.source))


# ---------------------------------------------------------------------------------------------
# Activities and events of chapters 2 and 5
# ---------------------------------------------------------------------------------------------

def test_consultation_meeting_autumn_2015(graph: Graph) -> None:
    """2.1: the uncertainty about responsibility for innovation was raised at the consultation meeting
    between minister Jan Tore Sanner and KS board chair Gunn Marit Helgesen in autumn 2015."""
    event = PROJECT["konsultasjonsmote-staten-ks-2015"]
    people = {str(graph.value(p, SCHEMA.name)) for p in graph.objects(event, PROV.wasAssociatedWith)
              if graph.value(p, SCHEMA.name) is not None}
    assert people == {"Jan Tore Sanner", "Gunn Marit Helgesen"}
    assert ACTOR.ks in set(graph.objects(event, PROV.wasAssociatedWith))
    assert set(graph.objects(event, INNO.year)) == {Literal("2015", datatype=GYEAR)}
    assert set(graph.objects(event, INNO.source)) == {SEC["2.1"]}


def test_difi_project_group_2012_produced_skal_skal_ikke(graph: Graph) -> None:
    """5.1: «Difi etablerte en tverrgående prosjektgruppe i 2012 ... Resultatene ble dokumentert i
    rapporten «Skal, skal ikke ...» i 2013»."""
    project = PROJECT["difi-prosjektgruppe-innovasjon-2012"]
    assert set(graph.objects(project, PROV.wasAssociatedWith)) == {ACTOR.difi}
    assert set(graph.objects(project, INNO.startYear)) == {Literal("2012", datatype=GYEAR)}
    assert set(graph.objects(project, PROV.generated)) == {DOC["difi-skal-skal-ikke-2013"]}
    assert set(graph.objects(DOC["difi-skal-skal-ikke-2013"], DCTERMS.issued)) == {
        Literal("2013", datatype=GYEAR)}


def test_hod_health_innovation_study(graph: Graph) -> None:
    """6.1.2: the new initiative of 2015 (revised 2016) to study a national innovation system for health
    and care, given by HOD to Helsedirektoratet and Direktoratet for e-helse; fn. 6: delivered 2017."""
    project = PROJECT["hod-innovasjonssystem-helse"]
    assert set(graph.objects(project, INNO.commissionedBy)) == {ACTOR.hod}
    assert set(graph.objects(project, PROV.wasAssociatedWith)) == {
        ACTOR.helsedirektoratet, ACTOR["direktoratet-for-e-helse"]}
    assert set(graph.objects(project, INNO.startYear)) == {Literal("2015", datatype=GYEAR)}


# ---------------------------------------------------------------------------------------------
# Structure of the audited files
# ---------------------------------------------------------------------------------------------

def test_eipa_is_defined_once_among_the_foreign_actors() -> None:
    """6.1.1 (ESPA): EIPA, the award's organiser (an external fact), is defined only in
    data/actors-foreign.ttl."""
    defining = []
    for name in OWN_FILES:
        g = Graph().parse(ROOT / name, format="turtle")
        if (ACTOR.eipa, RDF.type, None) in g:
            defining.append(name)
    assert defining == ["data/actors-foreign.ttl"]


def test_every_typed_resource_has_one_label_per_language(own: Graph) -> None:
    """MODEL-SPEC universal rule, applied to every typed resource of the audited files (actors,
    instruments, documents, amounts, statistics, funding flows, qualified statements): exactly one
    skos:prefLabel @nb and one @en."""
    bad = []
    for subject in set(own.subjects(RDF.type, None)):
        if not str(subject).startswith(ID):
            continue
        labels = list(own.objects(subject, SKOS.prefLabel))
        nb = [x for x in labels if x.language == "nb"]
        en = [x for x in labels if x.language == "en"]
        if len(nb) != 1 or len(en) != 1 or len(labels) != 2:
            bad.append(str(subject))
    assert not bad, bad


def test_assignment_years(graph: Graph) -> None:
    """5.1: «I 2014 fikk Difi i oppdrag å etablere et kompetansemiljø for innovasjon»; 6.1.3: NFD's
    grant letter for 2017 asks DogA and the other business-promotion actors to organise their
    cooperation."""
    difi = URIRef(str(ACTOR.difi) + "#assignment-kompetansemiljo-2014")
    doga = URIRef(str(ACTOR.doga) + "#assignment-nfd-samarbeid")
    assert set(graph.objects(difi, INNO.year)) == {Literal("2014", datatype=GYEAR)}
    assert set(graph.objects(difi, INNO.responsibleFor)) == {ACTOR["difi-kompetansemiljo-innovasjon"]}
    assert set(graph.objects(doga, INNO.year)) == {Literal("2017", datatype=GYEAR)}
    assert set(graph.objects(doga, INNO.commissionedBy)) == {ACTOR.nfd}


def test_figure_2_is_cited_for_the_groups_it_frames(graph: Graph) -> None:
    """6.1 (text of Figure 2): the government and ministries, the municipalities and county
    municipalities, and business (the stars) are each backed by Figure 2 as a source."""
    for slug in ("regjeringen", "departementene", "kommunene", "fylkeskommunene", "naeringslivet"):
        assert URIRef(ID + "figure/2") in set(graph.objects(ACTOR[slug], INNO.source)), slug


def test_research_council_aims_at_the_municipal_sector(graph: Graph) -> None:
    """8.3.6: one of the Research Council's priority areas is to «bidra til en forskningsbasert
    innovativ kommunal sektor»; 6.1.1/9: it is developing Forkommune, a programme for the
    municipalities."""
    (nb,) = _texts(graph, ACTOR.forskningsradet, DCTERMS.description, "nb")
    assert "forskningsbasert innovativ kommunal sektor" in nb
    assert SEC["8.3.6"] in set(graph.objects(ACTOR.forskningsradet, INNO.source))
    assert set(graph.objects(INSTR.forkommune, INNO.administeredBy)) == {ACTOR.forskningsradet}


def test_2013_strategy_support_for_a_municipal_innovation_study(graph: Graph) -> None:
    """5.1: the 2013 strategy (KRD) would «gi støtte til utvikling av et innovasjonsstudium for ansatte
    i kommunesektoren»; Høgskolen i Lillehammer developed such a study."""
    grant = INSTR["innovasjonsstudium-kommunesektoren"]
    assert set(graph.objects(grant, INNO.fundedBy)) == {ACTOR.krd}
    assert set(graph.objects(grant, INNO.introducedIn)) == {DOC["strategi-innovasjon-kommunesektoren-2013"]}
    assert set(graph.objects(INSTR["innovasjonsstudium-lillehammer"], INNO.administeredBy)) == {
        ACTOR["hogskolen-i-lillehammer"]}
