"""Audit of the analytical data against the report text (issue 4): sections 1, 2, 3, 4, 7, 8, 9,
Vedlegg 1 and Vedlegg 3.

Each expected string below is copied from Difi-rapport 2017:01 (the section is named in the test's
docstring); the tests check that the graph states it verbatim (nb) and links it where the report does.
The graph is every Turtle file of data/ plus the SKOS vocabularies of ontology/vocab/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.namespaces import CANONICAL

ROOT = Path(__file__).resolve().parents[1]

INNO = CANONICAL.inno
ID = CANONICAL.id
ACTOR = Namespace(ID + "actor/")
GA = Namespace(ID + "goal-area/")
ROLE = Namespace(ID + "i-team-role/")
STATUS = Namespace(ID + "assignment-status/")
STANCE = Namespace(ID + "innovation-stance/")
CGROUP = Namespace(ID + "challenge-group/")
DFN = Namespace(ID + "driver-function/")
CH = Namespace(ID + "challenge/")
REC = Namespace(ID + "recommendation/")
ALT = Namespace(ID + "alternative/")
FINDING = Namespace(ID + "finding/")
SCHEME = Namespace(ID + "scheme/")
SEC = Namespace(ID + "section/")
DCTERMS = Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def g() -> Graph:
    """All data files and the vocabularies (concepts such as goal areas live in ontology/vocab)."""
    graph = Graph()
    for path in sorted((ROOT / "data").glob("*.ttl")) + sorted((ROOT / "ontology" / "vocab").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _nb(g: Graph, s: URIRef, p: URIRef) -> set[str]:
    return {str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == "nb"}


def _one_nb(g: Graph, s: URIRef, p: URIRef) -> str:
    values = _nb(g, s, p)
    assert len(values) == 1, (s, p, values)
    return next(iter(values))


def _labels(g: Graph, nodes: set) -> set[str]:
    return {_one_nb(g, n, SKOS.prefLabel) for n in nodes}


def _ordered(g: Graph, scheme: URIRef) -> list[str]:
    concepts = sorted(g.objects(scheme, SKOS.hasTopConcept), key=lambda c: int(str(g.value(c, SKOS.notation))))
    return [_one_nb(g, c, SKOS.prefLabel) for c in concepts]


# --- 8.2, Figure 6 -----------------------------------------------------------------------------

def test_figure_6_i_team_cells_verbatim_and_as_roles(g: Graph) -> None:
    """8.2, Figure 6, row "Type i-team (rolle)": Transformerer | Utdanner/transformer | Utdanner
    Utvikler/ skaper (Kommunale and Statlige) | Transformerer Utvikler/skaper."""
    expected = {
        "national-policy": ("«Transformerer»", {ROLE.transformer}),
        "framework-conditions": ("«Utdanner/transformer»", {ROLE.educator, ROLE.transformer}),
        "municipal-organisations": ("«Utdanner Utvikler/ skaper»", {ROLE.educator, ROLE.creator}),
        "state-organisations": ("«Utdanner Utvikler/ skaper»", {ROLE.educator, ROLE.creator}),
        "societal-challenges": ("«Transformerer Utvikler/skaper»", {ROLE.transformer, ROLE.creator}),
    }
    for area, (cell, roles) in expected.items():
        assert any(note.endswith(cell) for note in _nb(g, GA[area], INNO.note)), area
        assert set(g.objects(GA[area], INNO.needsRole)) == roles, area


def test_figure_6_needs_of_the_organisation_columns(g: Graph) -> None:
    """8.2, Figure 6, row "Behov": Kommunale "Kompetanse, verktøy, finansiering mm" and "Samordning,
    erfaringsdeling mellom kommuner"; Statlige only "Kompetanse, verktøy, finansiering mm"."""
    municipal = _labels(g, set(g.objects(GA["municipal-organisations"], INNO.hasNeed)))
    state = _labels(g, set(g.objects(GA["state-organisations"], INNO.hasNeed)))
    both = "Kompetanse, verktøy, finansiering mm"
    only_municipal = "Samordning, erfaringsdeling mellom kommuner"
    assert {both, only_municipal} <= municipal
    assert both in state and only_municipal not in state


def test_figure_6_responsible_cells_verbatim(g: Graph) -> None:
    """8.2, Figure 6, row "Ansvarlig", every cell as the report words it."""
    expected = {
        "national-policy": "Regjeringen, sentrale departementer (KMD, NFD, KD, FIN)",
        "framework-conditions": "Hvert enkelt fagdepartement (konkret) samt KMD, FIN (generelt)",
        "municipal-organisations": "Den enkelte kommune",
        "state-organisations": "Den enkelte statlige virksomhet, samt eierdepartement",
        "societal-challenges": "Varies, avhengig av saksområde, men typisk på departementsnivå. "
                               "KMD og FIN med særskilt overordnet ansvar.",
    }
    for area, text in expected.items():
        assert _one_nb(g, GA[area], INNO.responsibilityText) == text, area


def test_figure_6_drivers_role_bullets(g: Graph) -> None:
    """8.2, Figure 6, row "Pådrivers rolle": the bullets of each column."""
    expected = {
        "national-policy": {"Innspill til politikk-utforming", "Nasjonal debatt", "Løfte sentrale problemstillinger"},
        "framework-conditions": {"Foreslå endringer i eksisterende rammebetingelser",
                                 "Foreslå nye ordninger, insitamenter", "Innspill til god styring av innovasjon"},
        "municipal-organisations": {"Tiltak for økt kompetanse, erfaringsdeling, verktøy, utprøving etc."},
        "state-organisations": {"Tiltak for økt kompetanse, erfaringsdeling, verktøy, utprøving etc."},
        "societal-challenges": {"Løfte sentrale problemstillinger", "Foreslå aktuelle områder",
                                "Foreslå tilnærming/løsning", "Fasilitere/bidra til gjennomføring"},
    }
    for area, bullets in expected.items():
        assert _labels(g, set(g.objects(GA[area], INNO.driverTask))) == bullets, area


def test_transformer_needed_but_held_by_no_actor(g: Graph) -> None:
    """8.1: "Vi ser heller ikke at noen av de omtalte aktørene har noen klar rolle som «transformerer»";
    Figure 6 needs a transformer in exactly three columns, and the finding names those three."""
    needing = set(g.subjects(INNO.needsRole, ROLE.transformer))
    assert needing == {GA["national-policy"], GA["framework-conditions"], GA["societal-challenges"]}
    held = [ra for ra in g.subjects(INNO.role, ROLE.transformer) if (ra, INNO.status, STATUS.held) in g]
    assert held == []
    assert set(g.objects(FINDING["ingen-klar-transformerer"], INNO.concernsGoalArea)) == needing


def test_8_2_scope_note_places_policy_input_in_transformer_role(g: Graph) -> None:
    """8.2 (Politikk for innovasjon og nasjonale strategier): "Dette vil kunne inngå i en
    transformerer/arkitekt-rolle"; "Det er regjeringen og departementene som må ta ansvar for felles
    politikk og strategi.\""""
    note = _one_nb(g, GA["national-policy"], SKOS.scopeNote)
    assert "Dette vil kunne inngå i en transformerer/arkitekt-rolle." in note
    assert "Det er regjeringen og departementene som må ta ansvar for felles politikk og strategi." in note


# --- 8.1 -----------------------------------------------------------------------------------------

def test_8_1_educators_creators_and_the_0_24_example(g: Graph) -> None:
    """8.1: educators held by Difi's two units, Innovasjonsnettverket, Forskningsrådet and KS; creators
    "kanskje" the supplier-development programme and (via Difi) the stimulus scheme; the 0–24
    cooperation possibly a transformer."""
    def holders(role: URIRef, status: URIRef) -> set:
        return {g.value(ra, INNO.actor) for ra in g.subjects(INNO.role, role)
                if (ra, INNO.status, status) in g and g.value(ra, INNO.goalArea) is None}
    assert holders(ROLE.educator, STATUS.held) == {
        ACTOR["difi-kompetansemiljo-innovasjon"], ACTOR["difi-innovative-anskaffelser"],
        ACTOR.innovasjonsnettverket, ACTOR.forskningsradet, ACTOR.ks}
    assert holders(ROLE.creator, STATUS.possible) == {ACTOR.leverandorutviklingsprogrammet, ACTOR.difi}
    assert ACTOR["0-24-samarbeidet"] in holders(ROLE.transformer, STATUS.possible)


def test_8_1_two_extremes_and_7_3_positions_are_linked(g: Graph) -> None:
    """8.1: "Vi trenger en samlende enhet for innovasjon. Gjerne plassert utenfor forvaltningen." vs. "Vi
    trenger ikke noe nytt. …"; 7.3 gives the same two positions, the first naming COI as a model."""
    unit, nothing_new = FINDING["ytterpunkt-samlende-enhet"], FINDING["ytterpunkt-ikke-noe-nytt"]
    assert _one_nb(g, unit, SKOS.prefLabel) == "Vi trenger en samlende enhet for innovasjon. Gjerne plassert utenfor forvaltningen."
    assert _one_nb(g, nothing_new, SKOS.prefLabel).startswith("Vi trenger ikke noe nytt.")
    outside, existing = FINDING["pader-utenfor-staten"], FINDING["gi-eksisterende-organer-storre-muligheter"]
    assert (outside, SKOS.related, unit) in g and (existing, SKOS.related, nothing_new) in g
    assert ACTOR.coi in set(g.objects(outside, INNO.concernsActor))
    assert "En modell som Center for offentlig innovation (COI) i Danmark, nevnes som bra." in _one_nb(g, outside, DCTERMS.description)
    assert "«De har myndighet så det holder, men de må «muskles opp» med mulighet og ressurser.»" in _one_nb(g, existing, DCTERMS.description)
    assert {SEC["7.3"]} == set(g.objects(outside, INNO.source)) == set(g.objects(existing, INNO.source))


def test_nesta_categories_quoted_verbatim(g: Graph) -> None:
    """8.1: Nesta's four i-team categories, which the report quotes in English."""
    expected = {
        "creator": "These i-teams are developers and creators of innovations.",
        "enabler": "These i-teams are enablers, creating the conditions for innovations from outside government to thrive.",
        "educator": "These i-teams are educators, providing the insights and knowledge needed to empower others inside government to innovate.",
        "transformer": "These i-teams are architects, creating the designs and blueprints that others can follow.",
    }
    for role, sentence in expected.items():
        notes = [str(o) for o in g.objects(ROLE[role], SKOS.scopeNote) if o.language == "en"]
        assert any(sentence in n for n in notes), role


def test_i_team_examples_box(g: Graph) -> None:
    """8.1, box "i-teams (eksempler)": Barcelona Urban Lab, BIT (UK) and MindLab (Denmark), each
    linked to its actor."""
    scheme = SCHEME["i-team-examples"]
    assert _ordered(g, scheme) == ["Barcelona Urban Lab", "BIT (Behavioural Insights Team) i UK", "MindLab i Danmark"]
    actors = {g.value(c, DCTERMS.relation) for c in g.objects(scheme, SKOS.hasTopConcept)}
    assert actors == {ACTOR["barcelona-urban-lab"], ACTOR.bit, ACTOR.mindlab}
    assert all((a, RDF.type, None) in g for a in actors)
    mindlab = next(c for c in g.objects(scheme, SKOS.hasTopConcept) if g.value(c, DCTERMS.relation) == ACTOR.mindlab)
    assert "MindLab fungerer som en fysisk «safe space» hvor myndigheter kan eksperimentere i samarbeid med hverandre." in _one_nb(g, mindlab, SKOS.definition)


# --- chapter 7 -----------------------------------------------------------------------------------

def test_7_2_informants_views_per_driver_function(g: Graph) -> None:
    """7.2: each of the seven functions carries what informants said before the italic formulation."""
    expected = {
        "political-debate": "det er «mange som diller med småting»",
        "societal-challenges": "Enkelte av våre informanter mener vi analyserer oss i hjel.",
        "risk-reduction": "Flere er opptatt av oppstarts- og stimuleringsordning",
        "coordinate-instruments": "-hva får vi hos Difi, hva får vi hos Innovasjon Norge?»",
        "governance-systems": "Noen må synliggjøre dette og bidra til endring.",
        "experimentation": "Mange viser til andre land hvor det finnes lab'er for dette formålet.",
        "documentation": "Innovasjonsarbeidet i offentlig sektor er underkommunisert, hevdes det.",
    }
    for function, phrase in expected.items():
        assert phrase in _one_nb(g, DFN[function], SKOS.scopeNote), function
    assert _one_nb(g, DFN["experimentation"], SKOS.definition) == (
        "En pådriver kan tilby laboratorium og støtte for eksperimentering av konkrete løsninger i samarbeid med relevante aktører.")


def test_7_4_many_headed_state_troll(g: Graph) -> None:
    """7.4: concern about a "mangehodet statlig troll" if there were e.g. 10 centres for public-sector
    innovation the municipalities must deal with."""
    finding = FINDING["kommunenes-sarskilte-behov"]
    text = _one_nb(g, finding, DCTERMS.description)
    assert "det er uttrykt bekymring for et «mangehodet statlig troll» dersom det f.eks. blir 10 sentre for innovasjon i offentlig sektor som de må forholde seg til." in text
    assert (finding, INNO.concernsGoalArea, GA["municipal-organisations"]) in g
    assert set(g.objects(finding, INNO.source)) == {SEC["7.4"]}


def test_vedlegg_3_headings_and_descriptions_verbatim(g: Graph) -> None:
    """Vedlegg 3: every heading with its full text (a sample of five, one of them two paragraphs)."""
    expected = {
        "kompetanse": ("Kompetanse", "Ikke bare ledelsen, men virksomheten som sådan trenger innovasjonskompetanse."),
        "ressurser": ("Ressurser", "Både konkret finansiering, men også aksept for å sette av tid til å jobbe innovativt er en utfordring. "
                      "Det kan være store driftskostnader, men lite midler til utvikling. I stramme prioriteringer vinner daglig drift."),
        "bruke-forskning": ("Bruke forskning", "Hvordan utnytte forskningsresultater."),
        "risikoavlastning": ("Risikoavlastning", "Det er behov for oppstartsmidler/stimuleringsmidler. Men ikke i form av tilskudd – det virker konserverende."),
        "styring-fra-departementene": ("Styring fra departementet", "På den ene siden er det ønskelig og nødvendig å få krav om innovasjon fra "
                                       "departementet, men på den andre siden må dette også innebære handlingsrom."),
    }
    for slug, (heading, text) in expected.items():
        assert _one_nb(g, CH[slug], SKOS.prefLabel) == heading, slug
        assert _one_nb(g, CH[slug], DCTERMS.description) == text, slug
    assert len(set(g.subjects(RDF.type, INNO.Challenge))) == 17


def test_vedlegg_3_group_headings_and_7_1_group_texts(g: Graph) -> None:
    """Vedlegg 3 group headings; 7.1 describes each group of Figure 3."""
    assert "Felles utfordringer, utenfor den enkelte virksomhet" in _nb(g, CGROUP["across-organisations"], SKOS.altLabel)
    assert "Rammebetingelser og insitamenter som ligger utenfor den enkelte virksomhet" in _nb(g, CGROUP["framework-conditions"], SKOS.altLabel)
    assert "Alle disse utfordringen må håndteres av den enkelte virksomhet." in _one_nb(g, CGROUP["within-organisation"], SKOS.scopeNote)
    assert "Man ønsker blant annet et tydeligere «push» ovenfra" in _one_nb(g, CGROUP["framework-conditions"], SKOS.scopeNote)


# --- 8.3, 9, 1, 2, 3, 4 --------------------------------------------------------------------------

def test_8_3_4_seven_needs_in_order(g: Graph) -> None:
    """8.3.4: "Vi merker oss at det særlig påpekes behov for:" seven items."""
    items = _ordered(g, SCHEME["strengthening-needs"])
    assert len(items) == 7
    assert items[0].startswith("Lab – som gir mulighet for offentlige virksomheter")
    assert items[5] == "Konkret bistand i prosjektene (jf. erfaring fra Stimuleringsordningen)"
    assert items[6] == "Bedre dokumentasjon og formidling av gode eksempler på innovasjon"


def test_8_3_alternatives_assessments(g: Graph) -> None:
    """8.3.1–8.3.6 "Vår vurdering" (none for 8.3.2)."""
    assert _one_nb(g, ALT["8-3-6-innsats-i-kommunesektoren"], INNO.assessment) == (
        "Vi har for tynt grunnlag til å diskutere hvorvidt innsatsen i kommunene kan forbedres og styrkes.")
    assert "Vi mangler imidlertid det «nasjonale trykket» som kan øke tempo og innsats." in _one_nb(g, ALT["8-3-1-som-i-dag"], INNO.assessment)
    assert _nb(g, ALT["8-3-2-bedre-etatsstyring"], INNO.assessment) == set()
    assert len(set(g.subjects(RDF.type, INNO.Alternative))) == 6


def test_8_3_five_driver_role_areas(g: Graph) -> None:
    """8.3: "Oppsummert er dette:" five areas, the third and fourth through the educator and
    facilitator/enabler roles."""
    scheme = SCHEME["national-driver-role-areas"]
    items = _ordered(g, scheme)
    assert len(items) == 5
    assert items[2] == "Gjennom rollen som «utdanner» bidra til at offentlige virksomheter får økt kunnskap og kompetanse til å jobbe innovativt."
    assert items[4] == "Bidra til å løse de store samfunnsutfordringene som må sees på tvers i forvaltningen."


def test_chapter_9_recommendation_texts_in_full(g: Graph) -> None:
    """9, recommendations 4 and 2: heading and full paragraph."""
    assert _one_nb(g, REC["chapter-9-4"], DCTERMS.description) == (
        "Mulighetene for å prøve ut og finne nye løsninger i et utviklingsmiljø med andre, har flere etterspurt og "
        "Teknologirådet har foreslått det. En slik mulighet er også risikoreduserende. Vi foreslår å prøve dette ut.")
    assert _one_nb(g, REC["chapter-9-2"], SKOS.prefLabel) == "Koordinere og målrette virkemidler bedre"
    assert _one_nb(g, REC["chapter-9-2"], DCTERMS.description).endswith(
        "Vi må sikre at tilskuddet treffer behovet og styrker innovasjonsinnsatsen.")


def test_chapter_9_reasons_in_full(g: Graph) -> None:
    """9, "Årsakene til dette er": the second and third bullets in full."""
    assert "En bør ikke legge begrensninger på engasjementet og motivasjonen" in _one_nb(
        g, FINDING["bedre-samarbeid-tydeligere-roller"], DCTERMS.description)
    assert "sikre klare roller og oversikt over hva skjer hvor." in _one_nb(
        g, FINDING["urealistisk-a-styre-fra-en-aktor"], DCTERMS.description)


def test_summary_three_project_goals(g: Graph) -> None:
    """1 and 2.2: the project's three main goals (oversikt, innsikt, beslutningsgrunnlag); the summary
    words the third "for kunne sette inn tiltak … og gjøre det mulig å styrke innsatsen"."""
    items = _ordered(g, SCHEME["project-goals"])
    assert [i.split()[1] for i in items] == ["oversikt", "samlet", "beslutningsgrunnlag"]
    assert "innsikt" in items[1]
    third = next(c for c in g.objects(SCHEME["project-goals"], SKOS.hasTopConcept) if str(c).endswith("beslutningsgrunnlag"))
    assert ("et beslutningsgrunnlag for kunne sette inn tiltak der det er svakheter mht. roller, oppgaveløsning og "
            "gjøre det mulig å styrke innsatsen") in _nb(g, third, SKOS.altLabel)


def test_2_3_target_groups_demand_and_supply_side(g: Graph) -> None:
    """2.3: the demand side (state organisations and municipalities) and the supply side (knowledge
    developers and disseminators), with the report's full text."""
    scheme = SCHEME["assignment-target-groups"]
    definitions = {_one_nb(g, c, SKOS.definition) for c in g.objects(scheme, SKOS.hasTopConcept)}
    assert len(definitions) == 4
    assert any(d.startswith("Statlige virksomheter og kommuner (etterspørselssiden)") and
               d.endswith("Disse er brukere av de sentrale aktørenes kunnskap og tilbud.") for d in definitions)
    assert any(d.startswith("Kunnskapsutviklere og formidlere (tilbudssiden).") for d in definitions)


def test_4_2_innovation_actors_not_responsible_for_the_innovations(g: Graph) -> None:
    """4.2: the innovation actors "ikke har ansvar for selve innovasjonene – den skal skje i
    virksomhetene"; the largest innovation work is done by the organisations themselves."""
    text = _one_nb(g, FINDING["padrivere-ikke-ansvar-for-innovasjonene"], DCTERMS.description)
    assert "Dette er aktører som ikke har ansvar for selve innovasjonene – den skal skje i virksomhetene" in text
    assert (FINDING["padrivere-ikke-ansvar-for-innovasjonene"], INNO.concernsActor, ACTOR.innovasjonsaktorene) in g
    assert _one_nb(g, FINDING["virksomhetene-gjor-innovasjonsarbeidet"], SKOS.prefLabel) == (
        "Det største og viktigste innovasjonsarbeidet gjøres av virksomhetene selv")


def test_ministry_stances_of_5_2_and_vedlegg_1(g: Graph) -> None:
    """5.2 and Vedlegg 1: FIN and FD had nothing on innovation, JD only via a research programme, HOD is
    the clearest, NFD emphasises business innovation; LMD is quoted in nynorsk ("spreing")."""
    stance = {m: g.value(ACTOR[m], INNO.stanceOnInnovation) for m in ("fin", "fd", "jd", "hod", "nfd")}
    assert stance == {"fin": STANCE["no-mention"], "fd": STANCE["no-mention"], "jd": STANCE["research-only"],
                      "hod": STANCE["most-ambitious"], "nfd": STANCE["business-innovation"]}
    assert "å få ei god spreing av relevant kunnskap frå universitet og institutt" in _one_nb(g, ACTOR.lmd, INNO.stanceText)


def test_8_3_alternatives_carry_their_section_text(g: Graph) -> None:
    """8.3.3: the COI passage; 8.3.5: "Dette vil typisk departementene, som er de som kan prioritere ev.
    igangsetting og gjennomføring." — the alternatives' descriptions are the sections' own text."""
    coordination = _one_nb(g, ALT["8-3-3-nasjonal-koordinering"], DCTERMS.description)
    assert coordination.startswith("Flere av innovasjonsaktørene vi har snakket med, mener det er behov for at noen tar en koordinerende rolle")
    assert "De stoppet derfor arbeidet og utviklet heller «arketypekort, som presenterer de innovationsaktive i den offentlige sektor»." in coordination
    assert (ALT["8-3-3-nasjonal-koordinering"], DCTERMS.relation, ACTOR.coi) in g
    assert _one_nb(g, ALT["8-3-5-nasjonale-innsatsomrader"], DCTERMS.description).endswith(
        "Dette vil typisk departementene, som er de som kan prioritere ev. igangsetting og gjennomføring.")


def test_8_1_zero_24_and_welfare_technology_examples(g: Graph) -> None:
    """8.1: the 0–24 cooperation of five directorates "være et godt eksempel på denne type i-team", though
    "Innovasjon som virkemiddel har riktignok ikke vært sentralt"; welfare technology as radical change."""
    zero24 = FINDING["0-24-eksempel-pa-transformerer"]
    text = _one_nb(g, zero24, DCTERMS.description)
    assert "samarbeidet mellom fem direktorater og deres departementer" in text
    assert "Innovasjon som virkemiddel har riktignok ikke vært sentralt i arbeidet" in text
    assert ACTOR["0-24-samarbeidet"] in set(g.objects(zero24, INNO.concernsActor))
    welfare = _one_nb(g, FINDING["velferdsteknologi-radikal-endring"], DCTERMS.description)
    assert "Store endringer innenfor helse og omsorg med bruk av velferdsteknologi" in welfare


def test_8_1_responsibility_lies_with_each_organisation(g: Graph) -> None:
    """8 and 8.1: "ansvaret for innovasjon ligger hos den enkelte virksomhet og deres fagdepartement";
    fragmentation refers to "rollen som pådriver for innovasjon"."""
    finding = FINDING["ansvaret-ligger-hos-virksomheten"]
    assert "Det kan ikke være tvil om at ansvaret for innovasjon ligger hos den enkelte offentlige virksomhet, både de statlige og de kommunale." in _one_nb(g, finding, DCTERMS.description)
    assert {SEC["8"], SEC["8.1"]} == set(g.objects(finding, INNO.source))
    assert "det er rollen som pådriver for innovasjon i forvaltningen det siktes til" in _one_nb(
        g, FINDING["fragmentert-gjelder-paderrollen"], DCTERMS.description)


def test_2_2_parallel_processes(g: Graph) -> None:
    """2.2: HOD commissioned Helsedirektoratet and Direktoratet for e-helse to study an innovation system
    for health; NFD commissioned DogA to organise the cooperation of the business-promotion actors."""
    finding = FINDING["parallelle-prosesser"]
    assert {ACTOR.hod, ACTOR.helsedirektoratet, ACTOR["direktoratet-for-e-helse"], ACTOR.nfd, ACTOR.doga} == set(
        g.objects(finding, INNO.concernsActor))
    assert "har gitt DogA oppdrag om å organisere samarbeidet mellom virkemiddelaktørene" in _one_nb(g, finding, DCTERMS.description)
