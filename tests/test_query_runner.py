"""The query runner: worker processes, a real timeout (the worker is killed), result limits."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from endpoint_client import FIXTURE
from kg.errors import QueryError, QueryTimeout, QueryTooExpensive, ResultTooLarge
from kg.query_runner import QueryRunner, QueryTask
from kg.store import DataSource, OutcomeKind, new_engine

EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?x ?y ?z . ?q ?r ?t }"


def _runner(**kwargs: object) -> QueryRunner:
    engine = new_engine("oxigraph")
    engine.load(DataSource.for_file(FIXTURE))
    options: dict[str, object] = {"timeout": 1.0, "max_results": 100, "workers": 2, **kwargs}
    return QueryRunner(engine, **options)  # type: ignore[arg-type]


def test_timeout_kills_the_worker_while_cheap_queries_answer() -> None:
    async def scenario() -> None:
        runner = _runner()
        await runner.start()
        pids = {w.process.pid for w in runner._all}
        try:
            started = time.monotonic()
            slow = asyncio.create_task(runner.run(QueryTask(EXPENSIVE)))
            await asyncio.sleep(0.1)
            cheap = await runner.query("ASK { ?s ?p ?o }")
            assert cheap.boolean is True and not slow.done(), "the cheap query must not wait for the slow one"
            with pytest.raises(QueryTimeout, match="KG_QUERY_TIMEOUT"):
                await slow
            assert time.monotonic() - started < 2.0
            assert runner.restarts == 1
            await asyncio.sleep(0.2)
            alive = {pid for pid in pids if _alive(pid)}
            assert len(alive) == 1, "the overrunning worker must be gone"
            for _ in range(3):  # the pool is whole again
                assert (await runner.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")).kind is OutcomeKind.SOLUTIONS
        finally:
            await runner.close()

    asyncio.run(scenario())


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return f.read().split(") ")[1][0] != "Z"


def test_errors_cross_the_process_boundary() -> None:
    async def scenario() -> None:
        runner = _runner(max_results=2)
        try:
            with pytest.raises(QueryError, match="Malformed"):
                await runner.run(QueryTask("SELECT * WHERE {"))
            with pytest.raises(ResultTooLarge):
                await runner.run(QueryTask("SELECT * WHERE { ?s ?p ?o }"))
            with pytest.raises(QueryError, match="SERVICE"):
                await runner.run(QueryTask("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"))
            result = await runner.run(QueryTask("ASK {}", formats={OutcomeKind.BOOLEAN: "application/sparql-results+json"}))
            assert result.body == b'{"head": {}, "boolean": true}'
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_thread_mode_still_answers_on_time() -> None:
    async def scenario() -> None:
        runner = _runner(workers=0, timeout=0.5)
        try:
            started = time.monotonic()
            with pytest.raises(QueryTimeout):
                await runner.run(QueryTask("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }"))
            assert time.monotonic() - started < 1.5
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_rdflib_engine_runs_in_workers_with_the_same_answers() -> None:
    async def scenario() -> None:
        rd = new_engine("rdflib")
        rd.load(DataSource.for_file(FIXTURE))
        runners = [QueryRunner(rd, timeout=10, max_results=100, workers=1), _runner(workers=1, timeout=10)]
        q = "SELECT ?s ?o WHERE { ?s <http://www.w3.org/ns/org#subOrganizationOf> ?o }"
        try:
            answers = [sorted((await r.query(q)).rows) for r in runners]
            assert answers[0] == answers[1] and len(answers[0]) == 3
        finally:
            for r in runners:
                await r.close()

    asyncio.run(scenario())


def test_memory_hungry_query_kills_only_its_worker() -> None:
    async def scenario() -> None:
        runner = _runner(timeout=20.0, memory_limit=400 * 1024**2)
        heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o } ORDER BY ?a ?d ?g ?j ?m"
        try:
            with pytest.raises(QueryTooExpensive, match="MiB"):
                await runner.run(QueryTask(heavy))
            assert runner.restarts == 1
            assert (await runner.query("ASK { ?s ?p ?o }")).boolean is True
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_two_runaway_queries_do_not_block_a_cheap_one() -> None:
    """Both workers busy with runaways: a spare worker starts, the cheap query answers within 1 s."""
    async def scenario() -> None:
        runner = _runner(workers=2)
        await runner.start()
        try:
            started = time.monotonic()
            slow = [asyncio.create_task(runner.run(QueryTask(EXPENSIVE), client="a")) for _ in range(2)]
            await asyncio.sleep(0.2)
            sent = time.monotonic()
            cheap = await runner.run(QueryTask("ASK { ?s ?p ?o }"), client="a")
            assert cheap.outcome is not None and cheap.outcome.boolean is True
            assert time.monotonic() - sent < 1.0 and not any(t.done() for t in slow)
            for t in slow:
                with pytest.raises(QueryTimeout):
                    await t
            assert time.monotonic() - started < 1.0 + 1.0
            assert runner.alive <= runner.max_workers
        finally:
            await runner.close()

    asyncio.run(scenario())


def test_one_client_cannot_take_every_worker() -> None:
    """A client holds at most max_workers - 1 workers; another client's query gets the last one."""
    async def scenario() -> None:
        runner = _runner(workers=1, max_workers=2)
        await runner.start()
        try:
            greedy = [asyncio.create_task(runner.run(QueryTask(EXPENSIVE), client="greedy")) for _ in range(3)]
            await asyncio.sleep(0.3)
            sent = time.monotonic()
            other = await runner.run(QueryTask("ASK { ?s ?p ?o }"), client="other")
            assert other.outcome is not None and other.outcome.boolean is True
            assert time.monotonic() - sent < 1.0
            results = await asyncio.gather(*greedy, return_exceptions=True)
            assert all(isinstance(r, QueryTimeout) for r in results)
            assert runner._clients == {}
        finally:
            await runner.close()

    asyncio.run(scenario())
