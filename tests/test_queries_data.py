"""Every canned query on the real graph (ontology/ + data/ + OWL 2 RL closure), checked against the report.

Each test states what Difi-rapport 2017:01 says, citing the section in its docstring; the expected
values come from the report text, not from what the query returns today. A failure therefore means
either the query or the data disagrees with the report.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.canned_queries import load_registry
from kg.canned_queries.runner import CannedQueryRunner
from kg.canned_queries.shape import plain_rows
from kg.closure import compute_closure
from kg.errors import UndescribedResourceError
from kg.namespaces import ProjectNamespaces
from kg.settings import Settings
from kg.sources import load_sources
from kg.store.base import OutcomeKind
from kg.store.oxigraph_store import OxigraphEngine

BASE = "https://w3id.org/innovasjon/"
INNO = BASE + "def#"
ID = BASE + "id/"


def actor(slug: str) -> str:
    return f"{ID}actor/{slug}"


def ga(slug: str) -> str:
    return f"{ID}goal-area/{slug}"


@pytest.fixture(scope="session")
def runner() -> Iterator[CannedQueryRunner]:
    """The project graph as the build makes it: asserted graphs, inferred graph and the queries graph."""
    settings = Settings(base_iri=BASE)
    loaded = load_sources(settings)
    inferred = compute_closure(loaded.dataset)
    namespaces = ProjectNamespaces(BASE)
    registry = load_registry(settings)
    dataset = loaded.dataset
    for graph_iri, triples in ((namespaces.inferred_graph, inferred), (namespaces.queries_graph, registry.to_graph(namespaces))):
        target = dataset.graph(URIRef(graph_iri))
        target.addN((s, p, o, target) for s, p, o in triples)
    engine = OxigraphEngine(union_default_graph=True)
    with warnings.catch_warnings():  # rdflib's N-Quads serialiser calls its own deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        engine.load_nquads(dataset.serialize(format="nquads", encoding="utf-8"))
    yield CannedQueryRunner(registry, engine)


def rows(runner: CannedQueryRunner, name: str, **params: str) -> list[dict[str, Any]]:
    _, outcome = runner.run(name, params)
    result = plain_rows(outcome)
    assert isinstance(result, list)
    return result


def graph_of(triples: Any) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def ids(values: list[Any]) -> set[str]:
    return {v["id"] if isinstance(v, dict) else v for v in values if v is not None}


def test_every_canned_query_has_a_test_here(runner: CannedQueryRunner) -> None:
    """Issue 7: a test on the real graph for every canned query."""
    tested = {name[len("test_"):].split("__")[0].replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(runner.registry.names) <= tested


def test_goal_areas_lacking_role__transformer(runner: CannedQueryRunner) -> None:
    """8.1: "Vi ser heller ikke at noen av de omtalte aktørene har noen klar rolle som «transformerer»";
    Figure 6 (8.2) asks for a transformer in national policy, framework conditions and societal challenges."""
    found = ids([r["goalArea"] for r in rows(runner, "goal-areas-lacking-role")])
    assert found == {ga("national-policy"), ga("framework-conditions"), ga("societal-challenges")}


def test_goal_areas_lacking_role__creator(runner: CannedQueryRunner) -> None:
    """Figure 6 asks for a creator ("Utvikler/skaper") for the municipal and state organisations and for
    societal challenges; 8.1 places creators only "kanskje", and 8.2 calls the role "svak i dag"."""
    found = ids([r["goalArea"] for r in rows(runner, "goal-areas-lacking-role", role="creator")])
    assert found - {ga("organisations")} == {ga("municipal-organisations"), ga("state-organisations"), ga("societal-challenges")}


def test_goal_areas_lacking_role__educator(runner: CannedQueryRunner) -> None:
    """Figure 6 (8.2) asks for "Utdanner/transformer" for framework conditions and "Utdanner" for the organisations.
    8.2 records the educators' strength for the organisations only ("Her er det behov for pådrivere med rollen
    «utdannere». Det er nettopp styrken til eksisterende innovasjonsaktører i dag"); 8.1 names five «utdannere»
    (Difi's two units, Innovasjonsnettverket, Forskningsrådet, KS) without a goal area, and the report names no
    educator for framework conditions. So framework conditions lacks an educator; the organisations, and through
    skos:broader the municipal and state organisations, do not."""
    found = ids([r["goalArea"] for r in rows(runner, "goal-areas-lacking-role", role="educator")])
    assert found == {ga("framework-conditions")}


def test_goal_areas_lacking_role__description_states_the_rules(runner: CannedQueryRunner) -> None:
    """The auditor's educator case is a matter of definition: the description must say how assignments without
    a goal area and the goal-area hierarchy are treated."""
    description = runner.registry.get("goal-areas-lacking-role").description  # type: ignore[union-attr]
    assert "without one" in description and "skos:broader" in description and "educator" in description


def test_goal_areas_lacking_role__labels_follow_lang(runner: CannedQueryRunner) -> None:
    """Figure 6's column "Samfunnsutfordringer" (8.2) carries its Norwegian label with lang=nb."""
    labels = {r["goalArea"]["label"] for r in rows(runner, "goal-areas-lacking-role", lang="nb")}
    assert "Samfunnsutfordringer" in labels


def test_role_coverage(runner: CannedQueryRunner) -> None:
    """Figure 6 (8.2): needed roles per goal area; 8.1/8.2: educators are held for the organisations
    ("Det er nettopp styrken til eksisterende innovasjonsaktører i dag"), no transformer is held anywhere."""
    matrix = {(r["goalArea"]["id"], r["role"]["id"].rsplit("/", 1)[-1]): r for r in rows(runner, "role-coverage")}
    needed = {key for key, r in matrix.items() if r["needed"]}
    figure_6 = {
        (ga("national-policy"), "transformer"),
        (ga("framework-conditions"), "educator"), (ga("framework-conditions"), "transformer"),
        (ga("municipal-organisations"), "educator"), (ga("municipal-organisations"), "creator"),
        (ga("state-organisations"), "educator"), (ga("state-organisations"), "creator"),
        (ga("societal-challenges"), "transformer"), (ga("societal-challenges"), "creator"),
    }
    assert {k for k in needed if k[0] != ga("organisations")} == figure_6
    for area in ("organisations", "municipal-organisations", "state-organisations"):
        assert matrix[(ga(area), "educator")]["held"] is True
    assert not any(r["held"] for (area, role), r in matrix.items() if role == "transformer")
    assert len({role for _, role in matrix}) == 4  # Nesta's four i-team types (Figure 5)


def test_offerings_for_target_group(runner: CannedQueryRunner) -> None:
    """6.1.1 / 4.2 / Vedlegg 1: Innovasjonsprisen goes to municipalities ("det beste kommunale
    innovasjonsprosjektet", 5) — Difi runs it as part of its competence centre, KMD awards it."""
    found = rows(runner, "offerings-for-target-group")
    prize = [r for r in found if r["instrument"]["id"] == f"{ID}instrument/innovasjonsprisen"]
    assert prize, "Innovasjonsprisen missing from the municipal sector's offerings"
    assert ids([r["actor"] for r in prize] + [r["funder"] for r in prize]) & {actor("difi"), actor("kmd")}


def test_offerings_for_target_group__business(runner: CannedQueryRunner) -> None:
    """Vedlegg 2: Innovasjon Norge's "Klynger og bedriftsnettverk" is aimed at "Norsk næringsliv"."""
    found = rows(runner, "offerings-for-target-group", targetGroup="business")
    assert f"{ID}instrument/in-klynger-og-bedriftsnettverk" in ids([r["instrument"] for r in found])


def test_instruments_by_funder(runner: CannedQueryRunner) -> None:
    """Vedlegg 1 (KMD): "Difi har fått midler (5mill. kr i 2016) for å støtte enkelte prosjekter i statlige
    virksomheter som vil bruke tjenstedesign" — the stimulus scheme, funded by KMD, run by Difi."""
    found = rows(runner, "instruments-by-funder", funder=actor("kmd"))
    scheme = [r for r in found if r["instrument"]["id"] == f"{ID}instrument/stimuleringsordningen"]
    assert scheme
    assert any(r["amount"] == 5_000_000 and str(r["year"]).startswith("2016") for r in scheme)
    assert actor("difi") in ids([r["administrator"] for r in scheme])


def test_instruments_by_funder__administrator(runner: CannedQueryRunner) -> None:
    """6.1.1: the stimulus scheme for innovation and service design is one of the tasks of Difi's competence
    centre; Vedlegg 3: "stimuleringsordningen som Difi forvalter"."""
    found = rows(runner, "instruments-by-funder", administrator=actor("difi"))
    assert f"{ID}instrument/stimuleringsordningen" in ids([r["instrument"] for r in found])
    assert f"{ID}instrument/in-klynger-og-bedriftsnettverk" not in ids([r["instrument"] for r in found])


def test_instruments_by_funder__kd_innovation_scheme(runner: CannedQueryRunner) -> None:
    """Vedlegg 1 (KD): "I 2017 vil departementet sette av om lag 15 mill. kroner ... til en innovasjonsordning"."""
    found = rows(runner, "instruments-by-funder", funder=actor("kd"))
    scheme = [r for r in found if r["instrument"]["id"] == f"{ID}instrument/innovasjonsordning-skoler"]
    assert any(r["amount"] == 15_000_000 and str(r["year"]).startswith("2017") for r in scheme)


def test_responsibility_per_goal_area(runner: CannedQueryRunner) -> None:
    """Figure 6, row "Ansvarlig": national policy — "Regjeringen, sentrale departementer (KMD, NFD, KD, FIN)";
    framework conditions — "... samt KMD, FIN (generelt)"; societal challenges — "KMD og FIN med særskilt
    overordnet ansvar"."""
    found = rows(runner, "responsibility-per-goal-area")
    responsible: dict[str, set[str]] = {}
    for r in found:
        if r["kind"] == "responsible":
            responsible.setdefault(r["goalArea"]["id"], set()).add(r["actor"]["id"])
    assert {actor(s) for s in ("regjeringen", "kmd", "nfd", "kd", "fin")} <= responsible[ga("national-policy")]
    assert {actor("kmd"), actor("fin")} <= responsible[ga("framework-conditions")]
    assert {actor("kmd"), actor("fin")} <= responsible[ga("societal-challenges")]
    texts = {r["responsibilityText"] for r in found if r["goalArea"]["id"] == ga("national-policy")}
    assert len(texts) == 1 and "KMD" in texts.pop()


def test_responsibility_per_goal_area__one_area_and_drivers(runner: CannedQueryRunner) -> None:
    """8.1/Figure 6: a transformer is needed for national policy; the report recommends strengthening the
    driver role for policy development (1, 9). The goalArea parameter restricts the rows to that area."""
    found = rows(runner, "responsibility-per-goal-area", goalArea="national-policy")
    assert {r["goalArea"]["id"] for r in found} == {ga("national-policy")}
    drivers = [r for r in found if r["kind"] == "driver"]
    assert any(r["role"].endswith("/transformer") for r in drivers)


def test_recommendations_and_challenges(runner: CannedQueryRunner) -> None:
    """9 lists seven recommendations, the summary (1) six. 9.4 (innovation lab): "En slik mulighet er også
    risikoreduserende" → Figure 3's "Risikoavlastning"; 9.6 (network for leaders): "Kompetanse og engasjement
    hos ledelsen" → "Ledelsesforankring og -kompetanse"; 9.2: "mange ulike tilskudd og stimuleringsordninger"
    → "Insentiver/stimuleringsordninger"."""
    found = rows(runner, "recommendations-and-challenges")
    by_list: dict[str, set[int]] = {}
    for r in found:
        by_list.setdefault(str(r["list"]).rsplit("/", 1)[-1], set()).add(r["number"])
    assert by_list["chapter-9"] == set(range(1, 8))
    assert by_list["summary"] == set(range(1, 7))
    chapter_9 = {(r["number"], r["challenge"]["id"].rsplit("/", 1)[-1]) for r in found
                 if str(r["list"]).endswith("chapter-9") and r["challenge"]}
    assert (4, "risikoavlastning") in chapter_9
    assert (6, "ledelse") in chapter_9
    assert (2, "insentiver") in chapter_9


def test_unaddressed_challenges(runner: CannedQueryRunner) -> None:
    """Figure 3 lists "Utnytte forskningsresultater" among the needs across organisations; none of the seven
    recommendations of chapter 9 concerns research. Risk relief, leadership and incentives are addressed (9.4,
    9.6, 9.2), so they are not in the list."""
    found = {r["challenge"]["id"].rsplit("/", 1)[-1] for r in rows(runner, "unaddressed-challenges")}
    assert "bruke-forskning" in found
    assert not found & {"risikoavlastning", "ledelse", "insentiver"}


def test_unaddressed_challenges__group_filter(runner: CannedQueryRunner) -> None:
    """Figure 3's three columns; filtering by "På tvers" keeps only that group, which includes research use."""
    found = rows(runner, "unaddressed-challenges", challengeGroup="across-organisations")
    assert {r["challengeGroup"]["id"] for r in found} == {f"{ID}challenge-group/across-organisations"}
    assert f"{ID}challenge/bruke-forskning" in ids([r["challenge"] for r in found])


def test_overlapping_actors(runner: CannedQueryRunner) -> None:
    """8.1: Difi's competence centre for innovation, Difi's unit for innovative procurement,
    Innovasjonsnettverket, Forskningsrådet and KS are all «utdannere» for the public sector (Vedlegg 2:
    "Offentlig sektor", "Kommunal sektor") — every pair of them overlaps."""
    found = rows(runner, "overlapping-actors", role="educator")
    pairs = {frozenset((r["actor1"]["id"], r["actor2"]["id"])) for r in found}
    educators = [actor(s) for s in ("difi-kompetansemiljo-innovasjon", "difi-innovative-anskaffelser",
                                    "innovasjonsnettverket", "forskningsradet", "ks")]
    expected = {frozenset((a, b)) for a in educators for b in educators if a < b}
    assert expected <= pairs
    assert all(r["role"]["id"].endswith("/educator") for r in found)


def test_steering_chain(runner: CannedQueryRunner) -> None:
    """6.1.3: "Nærings- og fiskeridepartementet er hovedeier med 51 prosent, og fylkeskommunene eier 49 prosent"
    — Innovasjon Norge's chain reaches NFD and, through it, the government."""
    found = rows(runner, "steering-chain")
    reached = ids([r["to"] for r in found])
    assert {actor("nfd"), actor("fylkeskommunene"), actor("regjeringen")} <= reached
    assert any(r["from"]["id"] == actor("innovasjon-norge") and r["to"]["id"] == actor("nfd")
               and r["relation"] == INNO + "ownedBy" for r in found)


def test_steering_chain__difi(runner: CannedQueryRunner) -> None:
    """6.1.1 / 9: Difi reports to KMD ("gi sin vurdering til KMD"; tildelingsbrev-difi-2016), a ministry
    of the government."""
    reached = ids([r["to"] for r in rows(runner, "steering-chain", actor=actor("difi"))])
    assert {actor("kmd"), actor("regjeringen")} <= reached


def test_actor_profile(runner: CannedQueryRunner) -> None:
    """8.1: KS is one of the «utdannere»; 6.1.2: KS is the municipalities' interest organisation."""
    _, outcome = runner.run("actor-profile", {"actor": actor("ks")})
    assert outcome.kind is OutcomeKind.GRAPH
    triples = {(str(s), str(p), str(o)) for s, p, o in outcome.triples}
    assert (actor("ks"), "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", INNO + "InterestOrganisation") in triples
    assignments = {s for s, p, o in triples if p == INNO + "actor" and o == actor("ks")}
    assert any((a, INNO + "role", f"{ID}i-team-role/educator") in triples for a in assignments)


@pytest.mark.parametrize(("name", "params", "parameter"), [
    ("actor-profile", {"actor": f"{ID}actor/no-such-actor"}, "actor"),
    ("provenance", {"resource": "https://example.org/elsewhere"}, "resource"),
    ("steering-chain", {"actor": f"{ID}actor/no-such-actor"}, "actor"),
    ("instruments-by-funder", {"administrator": f"{ID}actor/no-such-actor"}, "administrator"),
])
def test_iri_parameter_not_described_is_refused(runner: CannedQueryRunner, name: str, params: dict[str, str],
                                                parameter: str) -> None:
    """An IRI the dataset says nothing about is an error naming the parameter, not an empty answer."""
    with pytest.raises(UndescribedResourceError) as info:
        runner.run(name, params)
    assert info.value.parameter == parameter and info.value.status_code == 404
    assert "not described in this dataset" in str(info.value)


def test_actor_profile__local_iri(runner: CannedQueryRunner) -> None:
    """6.1.2: KS, named by the service's local IRI form, gets the same profile as by its canonical IRI."""
    _, canonical = runner.run("actor-profile", {"actor": actor("ks")})
    _, local = runner.run("actor-profile", {"actor": "http://127.0.0.1:8123/id/actor/ks"}, local_bases=("http://127.0.0.1:8123/",))
    assert len(canonical.triples) > 10 and isomorphic(graph_of(local.triples), graph_of(canonical.triples))


def test_provenance(runner: CannedQueryRunner) -> None:
    """Innovasjon Norge is described in 6.1.3 (and Vedlegg 2); statements about it cite those sections."""
    found = rows(runner, "provenance", resource=actor("innovasjon-norge"))
    sections = {str(r["section"]) for r in found}
    assert f"{ID}section/6.1.3" in sections


def test_provenance__qualified_statements(runner: CannedQueryRunner) -> None:
    """8.1 names Difi's competence centre as an «utdanner»: the role assignment pointing at it cites 8.1."""
    found = rows(runner, "provenance", resource=actor("difi-kompetansemiljo-innovasjon"))
    assert any(str(r["section"]) == f"{ID}section/8.1" and r["statementType"] == INNO + "RoleAssignment" for r in found)


def test_provenance__one_row_per_statement_and_section(runner: CannedQueryRunner) -> None:
    """Figure 6 names KD among the ministries responsible for national policy ("Regjeringen, sentrale
    departementer (KMD, NFD, KD, FIN)"); Vedlegg 1: KD sets aside "om lag 15 mill. kroner" for an innovation
    scheme. Each statement about KD appears once per supporting section, typed by the class the data asserts
    (Ministry, ResponsibilityAssignment, FundingFlow), not once more per inferred superclass."""
    found = rows(runner, "provenance", resource=actor("kd"))
    keys = [(r["statement"], str(r["section"])) for r in found]
    assert len(keys) == len(set(keys))
    types = {r["statement"]: r["statementType"] for r in found}
    assert types[actor("kd")] == INNO + "Ministry"
    assert types[f"{ID}responsibility-assignment/national-policy-kd"] == INNO + "ResponsibilityAssignment"
    assert types[f"{ID}funding-flow/kd-innovasjonsordning-skoler-2017"] == INNO + "FundingFlow"
    assert not {INNO + "QualifiedStatement", INNO + "Actor"} & set(types.values())
    assert any(r["statement"] == actor("kd") and str(r["section"]) == f"{ID}figure/6" for r in found)


def test_ministries_stance(runner: CannedQueryRunner) -> None:
    """Vedlegg 1: "Kun Finansdepartementet og Forsvarsdepartementet hadde ikke noe om innovasjon og i
    Justisdepartementets proposisjon var det kun nevnt i forbindelse med støtte til et forskningsprogram";
    "Helse- og omsorgsdepartementet er det departementet som er tydeligst"; NFD "vektlegger å legge til rette
    for innovasjon i næringslivet"."""
    stance = {r["ministry"]["id"]: r["stance"]["id"].rsplit("/", 1)[-1] for r in rows(runner, "ministries-stance")}
    assert stance[actor("fin")] == "no-mention"
    assert stance[actor("fd")] == "no-mention"
    assert stance[actor("jd")] == "research-only"
    assert stance[actor("hod")] == "most-ambitious"
    assert stance[actor("nfd")] == "business-innovation"
    no_mention = {r["ministry"]["id"] for r in rows(runner, "ministries-stance", stance="no-mention")}
    assert no_mention == {actor("fin"), actor("fd")}


def test_actors_by_level(runner: CannedQueryRunner) -> None:
    """4.2: government policy and the sector ministries set direction (policy-making, state level; Figure 6
    names Regjeringen, KMD, NFD, KD, FIN as responsible for national policy); the municipalities carry out most services and innovate themselves ("Kommunene har ansvar for det meste av
    tjenesteytingen")."""
    policy = rows(runner, "actors-by-level", responsibilityLevel="policy-making", administrativeLevel="state")
    assert {actor(s) for s in ("regjeringen", "kmd", "nfd", "kd", "fin")} <= ids([r["actor"] for r in policy])
    assert {r["responsibilityLevel"]["id"] for r in policy} == {f"{ID}responsibility-level/policy-making"}
    assert {r["administrativeLevel"]["id"] for r in policy} == {f"{ID}administrative-level/state"}
    municipal = rows(runner, "actors-by-level", administrativeLevel="municipal")
    assert actor("baerum-kommune") in ids([r["actor"] for r in municipal])
    assert {r["responsibilityLevel"]["id"] for r in municipal if r["actor"]["id"] == actor("baerum-kommune")} == {
        f"{ID}responsibility-level/implementation"
    }


def test_driver_alternatives(runner: CannedQueryRunner) -> None:
    """8.3 lists six alternatives, 8.3.1 "Som i dag (nullalternativet)" to 8.3.6 "Innsats i kommunesektoren"."""
    found = rows(runner, "driver-alternatives", lang="nb")
    assert [r["number"] for r in found] == [f"8.3.{i}" for i in range(1, 7)]
    assert "nullalternativet" in (found[0]["alternative"]["label"] or "")



def test_driver_functions(runner: CannedQueryRunner) -> None:
    """7.2 describes seven driver functions. "Pådriver for å tilrettelegge for eksperimentering" ("En pådriver
    kan tilby laboratorium") is what recommendation 4 of chapter 9 answers ("Etablere et
    innovasjonslaboratorium ... eksperimentere"); "Pådriver for å koordinere virkemidler" is recommendation 2
    ("Koordinere og målrette virkemidler bedre")."""
    found = rows(runner, "driver-functions")
    functions = {r["function"]["id"].rsplit("/", 1)[-1] for r in found}
    assert functions == {"political-debate", "societal-challenges", "risk-reduction", "coordinate-instruments",
                         "governance-systems", "experimentation", "documentation"}
    answered = {(r["function"]["id"].rsplit("/", 1)[-1], r["addressedBy"]["id"].rsplit("/", 1)[-1])
                for r in found if r["addressedBy"]}
    assert ("experimentation", "chapter-9-4") in answered
    assert ("coordinate-instruments", "chapter-9-2") in answered


EXAMPLE_PARAMS: dict[str, dict[str, str]] = {
    "actor-profile": {"actor": actor("ks")},
    "provenance": {"resource": actor("innovasjon-norge")},
    "instruments-by-funder": {"funder": actor("kmd")},
    "overlapping-actors": {"role": "educator"},
    "unaddressed-challenges": {"challengeGroup": "across-organisations"},
}


@pytest.mark.slow
def test_every_query_answers_the_same_on_the_rdflib_engine(runner: CannedQueryRunner) -> None:
    """KG_STORE=rdflib binds parameters as initial bindings, oxigraph as a VALUES block: the queries are
    written so both give the same answer (parameters used only where a top-level binding is visible)."""
    from kg.store.rdflib_store import RdflibEngine

    other = RdflibEngine(union_default_graph=True)
    other.load_nquads(runner.engine.dump_nquads())
    rdflib_runner = CannedQueryRunner(runner.registry, other)
    for query in runner.registry:
        params = EXAMPLE_PARAMS.get(query.name, {})
        _, expected = runner.run(query.name, params)
        _, actual = rdflib_runner.run(query.name, params)
        if expected.kind is OutcomeKind.GRAPH:
            assert set(actual.triples) == set(expected.triples), query.name
        else:
            canon = lambda o: sorted(json.dumps(row, sort_keys=True) for row in plain_rows(o))  # noqa: E731
            assert canon(actual) == canon(expected), query.name


def test_every_query_answers_the_same_when_asserted_triples_sit_in_two_graphs(runner: CannedQueryRunner) -> None:
    """The default graph is the union of all named graphs; on oxigraph a triple stated in two source files
    matches twice. Copying every asserted triple into a second graph must not change any answer (no row
    repeated), whatever the query."""
    inferred = f"<{BASE}graph/inferred> .".encode()
    dump = runner.engine.dump_nquads()
    copy = b"".join(
        line.replace(f"<{BASE}graph/".encode(), f"<{BASE}graph/copy/".encode())
        for line in dump.splitlines(keepends=True) if line.rstrip().endswith(b"> .") and not line.rstrip().endswith(inferred)
        and line.count(f"<{BASE}graph/".encode()) == 1
    )
    doubled = OxigraphEngine(union_default_graph=True)
    doubled.load_nquads(dump + copy)
    doubled_runner = CannedQueryRunner(runner.registry, doubled)
    for query in runner.registry:
        params = EXAMPLE_PARAMS.get(query.name, {})
        _, expected = runner.run(query.name, params)
        _, actual = doubled_runner.run(query.name, params)
        if expected.kind is OutcomeKind.GRAPH:
            assert isomorphic(graph_of(actual.triples), graph_of(expected.triples)), query.name
        else:
            canon = lambda o: sorted(json.dumps(row, sort_keys=True) for row in plain_rows(o))  # noqa: E731
            assert canon(actual) == canon(expected), query.name
