"""Facts about instruments, policy documents, ministries' stances, definitions and the report's lists.

Covers data/instruments.ttl, data/instruments-vedlegg-1.ttl, data/policy.ttl, data/stances.ttl,
data/definitions.ttl, data/lists.ttl and ontology/extensions/instruments.ttl. Each test's docstring
names the report section that supports the asserted fact; the tests query the real data files (plus
the ontology and the actor files, which type the actors these files point to) with SPARQL.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph_checks import inconsistencies, owl_rl_closure
from kg.namespaces import CANONICAL, PREFIXES

ROOT = Path(__file__).resolve().parents[1]
OWN_FILES = (
    "data/instruments.ttl",
    "data/instruments-vedlegg-1.ttl",
    "data/policy.ttl",
    "data/stances.ttl",
    "data/definitions.ttl",
    "data/lists.ttl",
    "ontology/extensions/instruments.ttl",
)
CONTEXT_FILES = ("data/report.ttl", "data/actors-public.ttl", "data/actors-innovation.ttl",
                 "data/actors-foreign.ttl", "data/relations.ttl")

INNO = CANONICAL.inno
ID = CANONICAL.id
ACTOR = Namespace(ID + "actor/")
INSTR = Namespace(ID + "instrument/")
DOC = Namespace(ID + "document/")
SCHEME = Namespace(ID + "scheme/")
STANCE = Namespace(ID + "innovation-stance/")
LIFECYCLE = Namespace(ID + "lifecycle/")
TG = Namespace(ID + "target-group/")
ITYPE = Namespace(ID + "instrument-type/")
FLOW = Namespace(ID + "funding-flow/")
SCHEMA = Namespace(PREFIXES["schema"])
GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")

NS = dict(PREFIXES) | {
    "actor": str(ACTOR), "instr": str(INSTR), "doc": str(DOC), "scheme": str(SCHEME),
    "stance": str(STANCE), "lifecycle": str(LIFECYCLE), "tg": str(TG), "itype": str(ITYPE),
    "flow": str(FLOW), "measure": ID + "measure/", "sec": ID + "section/",
}

MINISTRIES = ("kmd", "asd", "bld", "fd", "fin", "hod", "jd", "kd", "kld", "kud", "lmd", "nfd", "oed", "sd", "ud")


def _parse(paths: list[Path]) -> Graph:
    g = Graph()
    for path in paths:
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def own() -> Graph:
    """This engineer's files only, as asserted."""
    return _parse([ROOT / f for f in OWN_FILES])


@pytest.fixture(scope="module")
def graph() -> Graph:
    """Own files plus the ontology, its vocabularies and the files that type the actors and sections."""
    ontology = sorted((ROOT / "ontology").rglob("*.ttl"))
    return _parse([ROOT / f for f in OWN_FILES + CONTEXT_FILES] + ontology)


def _select(g: Graph, query: str, **bindings: URIRef) -> list[tuple]:
    return [tuple(row) for row in g.query(query, initNs=NS, initBindings=bindings)]


def _amounts(g: Graph, instrument: URIRef) -> list[tuple]:
    return _select(g, """
        SELECT ?value ?currency ?year ?approx WHERE {
          ?i inno:amount ?a . ?a a schema:MonetaryAmount ; schema:value ?value ; schema:currency ?currency .
          OPTIONAL { ?a inno:year ?year } OPTIONAL { ?a inno:approximate ?approx } }""", i=instrument)


def _statistic(g: Graph, owner: URIRef, measure: str) -> tuple:
    rows = _select(g, """
        SELECT ?value ?year WHERE { ?o inno:statistic ?s . ?s a inno:Statistic ; inno:measure ?m ;
          schema:value ?value . OPTIONAL { ?s inno:year ?year } }""",
        o=owner, m=URIRef(NS["measure"] + measure))
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------------------------------------
# Amounts and statistics
# ---------------------------------------------------------------------------------------------

def test_stimulus_scheme_difi_administers_kmd_funds_5_million_2016(graph: Graph) -> None:
    """5.1, 6.1.1 and Vedlegg 1 (KMD): Difi got responsibility for the stimulus scheme for innovation and
    service design in 2016, for state agencies in partnership; "Difi har fått midler (5mill. kr i 2016)"."""
    s = INSTR.stimuleringsordningen
    assert (s, RDF.type, INNO.StimulusScheme) in graph
    assert ACTOR.difi in set(graph.objects(s, INNO.administeredBy))
    assert set(graph.objects(s, INNO.fundedBy)) == {ACTOR.kmd}
    assert graph.value(s, INNO.startYear) == Literal("2016", datatype=GYEAR)
    assert TG["state-sector"] in set(graph.objects(s, INNO.targetGroup))
    value, currency, year, approx = _amounts(graph, s)[0]
    assert (value.toPython(), str(currency), str(year), approx) == (Decimal(5_000_000), "NOK", "2016", None)
    flow = _select(graph, """SELECT ?f WHERE { ?f a inno:FundingFlow ; inno:funder actor:kmd ; inno:recipient actor:difi ;
        inno:fundedInstrument instr:stimuleringsordningen ; inno:amount ?a . ?a schema:value ?v FILTER(?v = 5000000) }""")
    assert len(flow) == 1


def test_stimulus_scheme_is_run_with_help_from_doga(graph: Graph) -> None:
    """Vedlegg 3: "stimuleringsordningen som Difi forvalter med hjelp fra DogA" — a qualified
    responsibility statement, not a second administrator."""
    rows = _select(graph, """SELECT ?r WHERE { ?r a inno:ResponsibilityAssignment ; inno:actor actor:doga ;
        inno:responsibleFor instr:stimuleringsordningen ; inno:source sec:vedlegg-3 }""")
    assert len(rows) == 1
    assert ACTOR.doga not in set(graph.objects(INSTR.stimuleringsordningen, INNO.administeredBy))


def test_school_innovation_scheme_about_15_million_in_2017(graph: Graph) -> None:
    """Vedlegg 1 (KD, proposition for 2017): "I 2017 vil departementet sette av om lag 15 mill. kroner ... til
    en innovasjonsordning"; "Eit lag rundt eleven" is part of it; 5.2: schools and school owners."""
    s = INSTR["innovasjonsordning-skoler"]
    value, currency, year, approx = _amounts(graph, s)[0]
    assert (value.toPython(), str(currency), str(year), approx.toPython()) == (Decimal(15_000_000), "NOK", "2017", True)
    assert set(graph.objects(s, INNO.fundedBy)) == {ACTOR.kd}
    assert set(graph.objects(s, INNO.targetGroup)) == {TG.schools}
    assert (INSTR["eit-lag-rundt-eleven"], INNO.partOf, s) in graph


def test_regional_research_fund_totals_by_recipient_group(graph: Graph) -> None:
    """Vedlegg 1 (KD, proposition for 2017): since the regional research funds started, business received
    453 mill. kr, research institutions "nærmare 320 mill." and public bodies "om lag 250 mill."."""
    rows = _amounts(graph, INSTR["regionale-forskningsfond"])
    totals = sorted((int(v.toPython()), bool(a and a.toPython())) for v, c, y, a in rows)
    assert totals == [(250_000_000, True), (320_000_000, True), (453_000_000, False)]
    assert all(y is None and str(c) == "NOK" for v, c, y, a in rows)  # cumulative, not one year
    assert set(graph.objects(INSTR["regionale-forskningsfond"], INNO.fundedBy)) == {ACTOR.kd}


def test_dip_2014_applications_and_projects_started(graph: Graph) -> None:
    """Vedlegg 1 (NFD): "I 2014 fikk programmet inn 116 søknader som materialiserte seg i 18 igangsatte
    prosjekter"; DIP is DogA's largest R&D activity; KMD gave DogA a grant for DIP in 2014."""
    dip = INSTR["designdrevet-innovasjonsprogram"]
    assert _statistic(graph, dip, "applications") == (Literal(116), Literal("2014", datatype=GYEAR))
    assert _statistic(graph, dip, "projects-started") == (Literal(18), Literal("2014", datatype=GYEAR))
    assert set(graph.objects(dip, INNO.administeredBy)) == {ACTOR.doga}
    assert (FLOW["kmd-doga-dip-2014"], INNO.year, Literal("2014", datatype=GYEAR)) in graph


def test_supplier_programme_40_pilots_since_2010(graph: Graph) -> None:
    """6.1.4: "Siden starten i 2010 har programmet gjennomført 40 pilotprosjekter"; the pilots are an
    instrument of the programme (an actor)."""
    pilots = INSTR["lup-pilotprosjekter"]
    assert _statistic(graph, pilots, "pilot-projects")[0] == Literal(40)
    assert graph.value(pilots, INNO.startYear) == Literal("2010", datatype=GYEAR)
    assert set(graph.objects(pilots, INNO.administeredBy)) == {ACTOR.leverandorutviklingsprogrammet}


def test_arendal_conference_over_500_participants_and_the_prize(graph: Graph) -> None:
    """5.1: the Arendal conference, established by Arendal kommune, "med over 500 deltakere og bl.a. utdeling
    av Innovasjonsprisen"; footnote 8: from 2017 it is called «Fremtidens kommuner»."""
    conf = INSTR.arendalskonferansen
    stat = graph.value(conf, INNO.statistic)
    assert graph.value(stat, SCHEMA.minValue) == Literal(500)
    assert graph.value(stat, INNO.approximate) == Literal(True)
    assert (conf, INNO.establishedBy, ACTOR["arendal-kommune"]) in graph
    assert Literal("Fremtidens kommuner", lang="nb") in set(graph.objects(conf, SKOS.altLabel))
    assert (INSTR.innovasjonsprisen, INNO.awardedAt, conf) in graph


def test_sfi_17_centres_and_norsi_ten_institutions(graph: Graph) -> None:
    """Vedlegg 2: "SFI Sentre for forskningsdrevet innovasjon — 17 sentre utpekt av Forskningsrådet";
    6.1.6: NORSI "med kursprogram ved ti universitet/høyskoler"."""
    assert _statistic(graph, ACTOR.sfi, "centres")[0] == Literal(17)
    assert _statistic(graph, INSTR["norsi-kursprogram"], "institutions")[0] == Literal(10)


# ---------------------------------------------------------------------------------------------
# Who funds and administers what
# ---------------------------------------------------------------------------------------------

def test_innovation_prize_both_readings_of_its_origin(graph: Graph) -> None:
    """5.1: the prize was "lansert" in the April 2013 strategy of Kommunal- og regionaldepartementet, and is
    "initiert av KMD, siden 2014" and "deles ut av" KMD; Difi's task since 2014 (6.1.1); aimed at the
    municipal sector. Both readings are modelled and the inconsistency noted."""
    p = INSTR.innovasjonsprisen
    assert (p, INNO.introducedIn, DOC["strategi-innovasjon-kommunesektoren-2013"]) in graph
    assert (DOC["strategi-innovasjon-kommunesektoren-2013"], INNO.issuedBy, ACTOR.krd) in graph
    assert (p, INNO.initiatedBy, ACTOR.kmd) in graph and (p, INNO.awardedBy, ACTOR.kmd) in graph
    assert ACTOR.difi in set(graph.objects(p, INNO.administeredBy))
    assert graph.value(p, INNO.startYear) == Literal("2014", datatype=GYEAR)
    assert set(graph.objects(p, INNO.targetGroup)) == {TG["municipal-sector"]}
    assert "lansert" in str(graph.value(p, SKOS.editorialNote))


def test_county_governors_administer_kmd_and_hod_funds(graph: Graph) -> None:
    """Vedlegg 1: municipalities apply for KMD's discretionary funds "hos fylkesmannen" (also 5.1, 2013
    strategy); HOD: "Fylkesmennene har ansvaret for å forvalte det kommunale kompetanse- og
    innovasjonstilskuddet"."""
    rows = set(_select(graph, """SELECT ?i ?f WHERE { ?i inno:administeredBy actor:fylkesmennene ; inno:fundedBy ?f }"""))
    assert (INSTR["skjonnsmidler-fylkesmannen"], ACTOR.kmd) in rows
    assert (INSTR["kompetanse-og-innovasjonstilskudd"], ACTOR.hod) in rows
    assert (INSTR["skjonnsmidler-fylkesmannen"], RDF.type, INNO.DiscretionaryFunds) in graph


def test_kmd_research_support_through_the_research_council(graph: Graph) -> None:
    """Vedlegg 1 (KMD): support for research through the Research Council — JPI Urban Europe, IKTPLUSS
    (the report spells IKTPLUS), VRI."""
    for slug in ("jpi-urban-europe", "iktpluss", "vri"):
        assert set(graph.objects(INSTR[slug], INNO.administeredBy)) == {ACTOR.forskningsradet}, slug
        assert set(graph.objects(INSTR[slug], INNO.fundedBy)) == {ACTOR.kmd}, slug
        assert (INSTR[slug], RDF.type, INNO.ResearchProgramme) in graph
    assert Literal("IKTPLUS", lang="nb") in set(graph.objects(INSTR.iktpluss, SKOS.prefLabel))


def test_kld_instruments_channelled_through_innovasjon_norge_and_enova(graph: Graph) -> None:
    """Vedlegg 1 (KLD): "De fleste virkemidlene er kanalisert gjennom Innovasjon Norge, f.eks.
    Miljøteknologiordningen og klimafondet, Enova for innovasjon ..."."""
    assert set(graph.objects(INSTR.miljoteknologiordningen, INNO.administeredBy)) == {ACTOR["innovasjon-norge"]}
    assert set(graph.objects(INSTR.miljoteknologiordningen, INNO.fundedBy)) == {ACTOR.kld}
    recipients = {r for (r,) in _select(graph, "SELECT ?r WHERE { ?f inno:funder actor:kld ; inno:recipient ?r }")}
    assert {ACTOR["innovasjon-norge"], ACTOR.enova} <= recipients


def test_education_offerings_and_who_commissioned_them(graph: Graph) -> None:
    """Vedlegg 2 and 6.1.6: Lillehammer's innovation study on commission from KMD; Hedmark's on commission
    from Fagforbundet; NORSI's two tracks, PIMS at NTNU and PING at BI."""
    assert (INSTR["innovasjonsstudium-lillehammer"], INNO.commissionedBy, ACTOR.kmd) in graph
    assert (INSTR["studium-hedmark"], INNO.commissionedBy, ACTOR.fagforbundet) in graph
    assert set(graph.objects(INSTR["norsi-pims"], INNO.administeredBy)) == {ACTOR.ntnu}
    assert set(graph.objects(INSTR["norsi-ping"], INNO.administeredBy)) == {ACTOR.bi}
    offerings = {s for s in graph.subjects(RDF.type, INNO.EducationOffering)}
    assert len(offerings) >= 11


def test_roadmap_renamed_in_2015_and_lifecycles(graph: Graph) -> None:
    """Vedlegg 1 (HOD): Helsedirektoratet and KS agreed in July 2014 on the welfare-technology roadmap, renamed
    in September 2015; SD: SMARTRANS ended at the turn of 2014/2015; 5.1: VIOS was only proposed (2003);
    9: Forkommune is being developed; KMD's "kokebok" is about to be launched."""
    road = INSTR["veikart-tjenesteinnovasjon"]
    assert Literal("Veikart for velferdsteknologi", lang="nb") in set(graph.objects(road, SKOS.altLabel))
    assert set(graph.objects(road, INNO.administeredBy)) == {ACTOR.helsedirektoratet, ACTOR.ks}
    assert graph.value(INSTR.smartrans, INNO.endYear) == Literal("2014", datatype=GYEAR)
    lifecycle = {s: graph.value(INSTR[s], INNO.lifecycle) for s in ("smartrans", "vios", "forkommune",
                                                                   "kokebok-sosiale-entreprenorer")}
    assert lifecycle == {"smartrans": LIFECYCLE.ended, "vios": LIFECYCLE.proposed,
                         "forkommune": LIFECYCLE.planned, "kokebok-sosiale-entreprenorer": LIFECYCLE.planned}
    assert (INSTR.vios, INNO.introducedIn, DOC["vios-programforslag-2003"]) in graph


def test_every_instrument_has_type_administrator_source_and_labels(graph: Graph, own: Graph) -> None:
    """6.1, Vedlegg 1, Vedlegg 2: every instrument is typed (an asserted instrument-type concept), names an
    administering actor, cites a source and has nb and en labels; at least 60 instruments."""
    instruments = {s for s in own.subjects(INNO.instrumentType, None)}
    assert len(instruments) >= 60
    typed = {s for c in graph.transitive_subjects(RDFS.subClassOf, INNO.Instrument)
             for s in graph.subjects(RDF.type, c)}
    assert instruments == {s for s in typed if str(s).startswith(str(INSTR))}
    for i in instruments:
        assert list(own.objects(i, INNO.administeredBy)), i
        assert all((a, RDF.type, None) in graph for a in own.objects(i, INNO.administeredBy)), i
        assert list(own.objects(i, INNO.source)), i
        assert sorted(l.language for l in own.objects(i, SKOS.prefLabel)) == ["en", "nb"], i


def test_external_facts_are_marked(own: Graph) -> None:
    """Rule of issue 4: a fact from outside the report only with its own cited source, marked as external —
    every instrument citing an inno:ExternalSource says EXTERNAL in its editorial note."""
    external = set(own.subjects(RDF.type, INNO.ExternalSource))
    assert len(external) >= 4
    citing = {s for s, o in own.subject_objects(INNO.source) if o in external}
    assert citing
    for s in citing:
        assert "EXTERNAL" in " ".join(str(n) for n in own.objects(s, SKOS.editorialNote)), s
    for e in external:
        assert own.value(e, SCHEMA.url) is not None and own.value(e, URIRef(NS["dcterms"] + "title")) is not None


# ---------------------------------------------------------------------------------------------
# Ministries' stances (5.2, Vedlegg 1)
# ---------------------------------------------------------------------------------------------

def test_only_fin_and_fd_do_not_mention_innovation(graph: Graph) -> None:
    """5.2 and Vedlegg 1: "Kun Finansdepartementet og Forsvarsdepartementet hadde ikke noe om innovasjon"."""
    assert set(graph.subjects(INNO.stanceOnInnovation, STANCE["no-mention"])) == {ACTOR.fin, ACTOR.fd}


def test_stance_of_every_ministry(graph: Graph) -> None:
    """5.2 and Vedlegg 1: JD only in connection with a research programme; HOD the clearest ambition; NFD
    innovation in business; every other ministry discussed mentions innovation."""
    stances = {str(m).removeprefix(str(ACTOR)): str(s).removeprefix(str(STANCE))
               for m, s in graph.subject_objects(INNO.stanceOnInnovation)}
    special = {"fin": "no-mention", "fd": "no-mention", "jd": "research-only", "hod": "most-ambitious",
               "nfd": "business-innovation"}
    assert stances == {m: special.get(m, "mentions-innovation") for m in MINISTRIES}
    for m in MINISTRIES:
        texts = sorted(t.language for t in graph.objects(ACTOR[m], INNO.stanceText))
        assert texts == ["en", "nb"], m


def test_each_ministry_has_its_budget_proposition(graph: Graph) -> None:
    """5.2 and Vedlegg 1: "vi har gått gjennom departementenes budsjettproposisjoner for 2016 og noen for
    2017" — one per ministry for 2016, KMD's and KD's also for 2017 (both quoted from 2017)."""
    rows = set(_select(graph, """SELECT ?m ?y WHERE { ?d a inno:BudgetProposition ; inno:issuedBy ?m ; inno:year ?y }"""))
    expected = {(ACTOR[m], Literal("2016", datatype=GYEAR)) for m in MINISTRIES}
    expected |= {(ACTOR[m], Literal("2017", datatype=GYEAR)) for m in ("kmd", "kd")}
    assert rows == expected
    assert (DOC["budsjett-kd-2017"], URIRef(NS["dcterms"] + "references"), INSTR["innovasjonsordning-skoler"]) in graph


def test_funding_channels_conclusion(graph: Graph) -> None:
    """Vedlegg 1, conclusion: "Midler kanaliseres til virkemiddelapparatet (IN, SIVA, Forskningsrådet), litt til
    Difi, DogA og via KS og fylkesmennene" — the finding links one collective flow per channel (relations.ttl)
    and the ministry-specific flows; KS has no named ministry."""
    collective = {r for (r,) in _select(graph, """SELECT ?r WHERE { <%sfinding/funding-channels> dcterms:relation ?f .
        ?f a inno:FundingFlow ; inno:funder actor:departementene ; inno:recipient ?r }""" % ID)}
    assert collective == {ACTOR[s] for s in ("innovasjon-norge", "siva", "forskningsradet", "difi", "doga", "ks", "fylkesmennene")}
    ks_funders = {f for (f,) in _select(graph, """SELECT ?f WHERE { <%sfinding/funding-channels> dcterms:relation ?x .
        ?x a inno:FundingFlow ; inno:funder ?f ; inno:recipient actor:ks }""" % ID)}
    named = {f for (f,) in _select(graph, """SELECT ?f WHERE { <%sfinding/funding-channels> dcterms:relation ?x .
        ?x a inno:FundingFlow ; inno:funder ?f }""" % ID)}
    assert {ACTOR.kmd, ACTOR.kld, ACTOR.nfd, ACTOR.hod} <= named
    assert ks_funders == {ACTOR.departementene}


# ---------------------------------------------------------------------------------------------
# Policy documents, definitions, lists
# ---------------------------------------------------------------------------------------------

def test_white_papers_nous_and_strategy(graph: Graph) -> None:
    """4.1, 5.1, 2.1, Vedlegg 4: St.meld. nr. 7 (2008–2009) (NFD, 2008); Meld. St. 7 (2014–2015), the long-term
    plan (KD, 2014); NOU 2015: 1 and NOU 2016: 3 (the Productivity Commission); NOU 2011: 11 (Hagen
    committee); the 2013 municipal innovation strategy (KRD)."""
    rows = {(str(n), str(y), i) for n, y, i in _select(graph, """SELECT ?n ?y ?i WHERE {
        ?d inno:documentNumber ?n ; dcterms:issued ?y ; inno:issuedBy ?i }""")}
    assert {("St.meld. nr. 7 (2008–2009)", "2008", ACTOR.nfd), ("Meld. St. 7 (2014–2015)", "2014", ACTOR.kd),
            ("NOU 2015: 1", "2015", ACTOR.produktivitetskommisjonen),
            ("NOU 2016: 3", "2016", ACTOR.produktivitetskommisjonen),
            ("NOU 2011: 11", "2011", ACTOR["hagen-utvalget"])} <= rows
    assert (DOC["strategi-innovasjon-kommunesektoren-2013"], RDF.type, INNO.Strategy) in graph


def test_four_definitions_of_innovation(graph: Graph) -> None:
    """4.1: four definitions — Difi, KS, Forskningsrådet and St.meld. nr. 7 (2008–2009) — each with its
    wording in nb and en."""
    by = {d for (d,) in _select(graph, "SELECT ?by WHERE { ?x a inno:InnovationDefinition ; inno:definedBy ?by }")}
    assert {ACTOR.difi, ACTOR.ks, ACTOR.forskningsradet, DOC["st-meld-7-2008-2009"]} <= by
    defs = set(graph.subjects(RDF.type, INNO.InnovationDefinition))
    assert len(defs) == 4
    for d in defs:
        assert sorted(t.language for t in graph.objects(d, INNO.definitionText)) == ["en", "nb"]
    difi = _select(graph, "SELECT ?t WHERE { ?x inno:definedBy actor:difi ; inno:definitionText ?t FILTER(lang(?t)='nb') }")
    assert str(difi[0][0]).startswith("Innovasjon er å fornye eller lage noe nytt")


LIST_SIZES = {
    "bason-principles": 4, "bason-four-cs": 4, "i-team-characteristics": 6, "in-focus-areas": 6,
    "health-innovation-measures": 8, "long-term-plan-priorities": 6, "forskningsradet-measures": 7,
    "innomed-activities": 3, "health-innovation-actor-groups": 4, "ks-innovation-themes": 8,
    "difi-competence-centre-tasks": 6, "strengthening-needs": 7, "project-goals": 3,
    "assignment-target-groups": 4, "data-sources": 5,
}


@pytest.mark.parametrize("name,size", sorted(LIST_SIZES.items()))
def test_report_lists_as_concept_schemes(graph: Graph, name: str, size: int) -> None:
    """4.2 (Bason's 4 principles, 4 C's, 4 actor groups), 8.1 (6 i-team characteristics), 6.1.3 (IN's 6
    areas), 6.1.2 (8 measures; KS's themes), 6.1.1 (6 priorities, 7 measures, Difi's 6 tasks), 6.1.5
    (InnoMed's 3 activities), 8.3.4 (7 needs), 2.2 (3 goals), 2.3 (4 target groups), 3 (5 data sources):
    each list, in order, with its creator."""
    scheme = SCHEME[name]
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert len(concepts) == size
    assert sorted(int(graph.value(c, SKOS.notation)) for c in concepts) == list(range(1, size + 1))
    assert list(graph.objects(scheme, URIRef(NS["dcterms"] + "creator")))
    for c in concepts:
        assert sorted(l.language for l in graph.objects(c, SKOS.prefLabel)) == ["en", "nb"], c
        assert list(graph.objects(c, INNO.source)), c


def test_long_term_plan_priorities_come_from_meld_st_7(graph: Graph) -> None:
    """6.1.1: the six long-term priorities of the long-term plan (Meld. St. 7 (2014–2015), KD); the third is
    renewal of the public sector and better welfare, health and care services."""
    scheme = SCHEME["long-term-plan-priorities"]
    assert graph.value(scheme, URIRef(NS["dcterms"] + "source")) == DOC["meld-st-7-2014-2015"]
    assert graph.value(scheme, URIRef(NS["dcterms"] + "creator")) == ACTOR.kd
    (third,) = [c for c in graph.subjects(SKOS.inScheme, scheme) if str(graph.value(c, SKOS.notation)) == "3"]
    (label,) = [str(l) for l in graph.objects(third, SKOS.prefLabel) if l.language == "nb"]
    assert label.startswith("fornyelse i offentlig sektor")


# ---------------------------------------------------------------------------------------------
# Form: IRIs, blank nodes, extension terms, reasoning
# ---------------------------------------------------------------------------------------------

def test_no_blank_nodes_and_actor_references_resolve(own: Graph, graph: Graph) -> None:
    """Issue 4 item 10: no blank nodes for things a registry may link to; every actor IRI these files use
    is an actor typed in the actor files (catches misspelt slugs)."""
    assert not [t for t in own if any(isinstance(x, BNode) for x in t)]
    used = {o for o in own.objects() if isinstance(o, URIRef) and str(o).startswith(str(ACTOR)) and "#" not in str(o)}
    untyped = {u for u in used if not list(graph.objects(u, RDF.type))}
    assert untyped == set()


def test_extension_terms_documented() -> None:
    """Model spec: every added term has nb and en labels, a definition and rdfs:isDefinedBy the ontology."""
    ext = Graph().parse(ROOT / "ontology" / "extensions" / "instruments.ttl")
    terms = set(ext.subjects(RDF.type, OWL.ObjectProperty))
    assert terms == {INNO.introducedIn, INNO.awardedBy}
    for term in terms:
        assert sorted(o.language for o in ext.objects(term, RDFS.label)) == ["en", "nb"]
        assert ext.value(term, SKOS.definition) is not None
        assert ext.value(term, RDFS.isDefinedBy) == URIRef(CANONICAL.ontology_iri)


def test_owl_rl_closure_is_consistent(graph: Graph) -> None:
    """OWL 2 RL over the ontology, these files and the actors: no inconsistency, nothing in owl:Nothing;
    the instrument type is inferred from the class (DiscretionaryFunds ⊑ Grant) and KMD funds Difi
    through the chain funderIn ∘ recipient (Vedlegg 1)."""
    g = owl_rl_closure(graph)
    assert inconsistencies(g) == []
    assert {ITYPE["discretionary-funds"], ITYPE.grant} <= set(g.objects(INSTR["skjonnsmidler-fylkesmannen"], INNO.instrumentType))
    assert (ACTOR.kmd, INNO.funds, ACTOR.difi) in g
    assert (ACTOR.difi, INNO.administers, INSTR.stimuleringsordningen) in g


def _spec_slugs(heading: str, next_heading: str) -> list[str]:
    """The comma-separated slugs MODEL-SPEC.md lists between two headings of its slug section."""
    spec = (ROOT / "ontology" / "MODEL-SPEC.md").read_text(encoding="utf-8")
    text = spec[spec.index(heading) + len(heading):spec.index(next_heading)]
    text = re.sub(r"\(plus [^:]*:", ",", text).replace(")", "")
    pieces = [p.strip() for p in text.split(",")]
    return [p for p in pieces if "<" not in p and p]


def test_model_spec_instrument_and_document_slugs_exist(graph: Graph) -> None:
    """MODEL-SPEC.md "Entity slugs": every instrument and policy-document slug the contract lists (from
    chapters 5–9 and Vedlegg 1–4) is a typed resource, so other files' references resolve."""
    instruments = _spec_slugs("Instruments [data/instruments*.ttl]:", "Policy documents [data/policy.ttl]:")
    documents = _spec_slugs("Policy documents [data/policy.ttl]:", "Goal areas: ga:")
    assert len(instruments) >= 50 and len(documents) >= 20
    for slug in instruments:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert (INSTR[slug], RDF.type, None) in graph, slug
    for slug in documents:
        assert (DOC[slug], RDF.type, None) in graph, slug
