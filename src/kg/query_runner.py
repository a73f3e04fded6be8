"""Query execution off the event loop, with a real timeout and a result-size limit.

Queries run in worker processes, each holding its own copy of the store. A query that overruns
``KG_QUERY_TIMEOUT`` gets its worker killed (the work really stops) and a fresh worker is started
in the background; other requests keep being served by the remaining workers meanwhile.

Admission control, so that runaway queries never block the others: whenever a query takes the last
idle worker, a spare one is started (the pool grows up to ``max_workers``, by default twice
``KG_QUERY_WORKERS`` and at least two more); extra workers idle longer than ``IDLE_RETIRE_SECONDS`` are
retired when a query finishes. Fairness: one client (address) holds at most ``max_workers - 1`` workers at a time, so the
last one is always left to everybody else; its other queries wait in line (within their timeout). With
``query_workers = 0`` queries run in a thread of the server process instead (the client still
gets its 503 on time, but the thread finishes its work: for tests and tiny deployments only).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess

from kg.errors import KGError, QueryError, QueryTimeout, QueryTooExpensive
from kg.results import serialize_outcome
from kg.service_guard import check_service
from kg.store.base import GraphAliases, OutcomeKind, QueryEngine, QueryOutcome, Term


@dataclass(frozen=True)
class QueryTask:
    """One query to run. With ``formats`` the result is serialised (media type per outcome kind)."""

    sparql: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    bindings: Mapping[str, Term] | None = None
    formats: Mapping[OutcomeKind, str | None] | None = None
    prefixes: Mapping[str, str] | None = None
    base_iri: str | None = None


@dataclass
class QueryResult:
    """What a task produced: an outcome, or a serialised body in ``media_type``.

    ``media_type`` is None with a body of None when no acceptable type exists for ``kind`` (406).
    """

    kind: OutcomeKind
    outcome: QueryOutcome | None = None
    body: bytes | None = None
    media_type: str | None = None
    size: int = 0
    extra: dict[str, object] = field(default_factory=dict)


def execute_task(engine: QueryEngine, task: QueryTask, max_results: int) -> QueryResult:
    """Run one task on an engine (in whatever process holds it); raises ``KGError`` subclasses."""
    outcome = engine.query(
        task.sparql,
        default_graphs=task.default_graphs,
        named_graphs=task.named_graphs,
        bindings=task.bindings,
        base_iri=task.base_iri,
        max_results=max_results,
    )
    size = len(outcome)
    if task.formats is None:
        return QueryResult(outcome.kind, outcome=outcome, size=size)
    media_type = task.formats.get(outcome.kind)
    if media_type is None:
        return QueryResult(outcome.kind, size=size)
    body = serialize_outcome(outcome, media_type, dict(task.prefixes) if task.prefixes is not None else None)
    return QueryResult(outcome.kind, body=body, media_type=media_type, size=size)


IDLE_RETIRE_SECONDS = 30.0
"""An extra worker (beyond ``KG_QUERY_WORKERS``) idle this long is stopped."""

WORKER_MEMORY_LIMIT = 2 * 1024**3
"""Address space one query worker may use; a query needing more kills only its worker."""


def _worker_main(conn: multiprocessing.connection.Connection, engine_name: str, union: bool,
                 aliases: GraphAliases | None, dump: bytes, max_results: int, memory_limit: int | None) -> None:
    """Worker process: load the store once, then answer tasks until the pipe closes."""
    from kg.store.registry import new_engine

    if memory_limit:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    engine = new_engine(engine_name, union_default_graph=union, aliases=aliases)
    engine.load_nquads(dump)
    del dump
    engine.count()  # derive the union and alias graphs before the first query
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", execute_task(engine, task, max_results)))
        except KGError as exc:
            conn.send(("error", exc))
        except Exception as exc:  # noqa: BLE001 - report, never kill the worker on one bad query
            conn.send(("error", QueryError(f"Query failed: {type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, process: BaseProcess, conn: multiprocessing.connection.Connection) -> None:
        self.process = process
        self.conn = conn
        self.idle_since = 0.0

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryRunner:
    """Runs ``QueryTask``s with a timeout on a pool of worker processes (or a thread)."""

    def __init__(self, engine: QueryEngine, *, timeout: float, max_results: int, workers: int,
                 service_allowlist: tuple[str, ...] = (), memory_limit: int | None = WORKER_MEMORY_LIMIT,
                 max_workers: int | None = None) -> None:
        self.engine = engine
        self.memory_limit = memory_limit
        self.timeout = timeout
        self.max_results = max_results
        self.workers = workers
        self.max_workers = max(workers, max_workers if max_workers is not None else max(2 * workers, workers + 2))
        self.per_client = max(1, self.max_workers - 1)
        self.service_allowlist = service_allowlist
        self._threads = ThreadPoolExecutor(max_workers=max(2, 2 * self.max_workers + 2), thread_name_prefix="kg-query")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._starting = 0
        self._clients: dict[str, asyncio.Semaphore] = {}
        self._holders: dict[str, int] = {}
        self._started = False
        self._dump: bytes | None = None
        self._closed = False
        self.restarts = 0

    # -- lifecycle -------------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kg.query_runner", "kg.store.registry"])
        parent, child = ctx.Pipe()
        if self._dump is None:
            self._dump = self.engine.dump_nquads()
        proc = ctx.Process(
            target=_worker_main,
            args=(child, self.engine.name, self.engine.union_default_graph, getattr(self.engine, "aliases", None), self._dump, self.max_results, self.memory_limit),
            daemon=True,
            name="kg-query-worker",
        )
        proc.start()
        child.close()
        if not parent.poll(120) or parent.recv()[0] != "ready":
            proc.kill()
            raise KGError("a query worker failed to start")
        worker = _Worker(proc, parent)
        self._all.add(worker)
        return worker

    async def start(self) -> None:
        """Start the worker processes (idempotent; called lazily by ``run``)."""
        if self._started or self.workers <= 0:
            return
        self._idle = asyncio.Queue()
        self._started = True
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.workers)))
        for w in workers:
            self._idle.put_nowait(w)

    async def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        for w in list(self._all):
            w.kill()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker; start a replacement in the background if the pool fell below its size."""
        self._all.discard(worker)
        worker.kill()
        self.restarts += 1
        if len(self._all) + self._starting < self.workers:
            self._grow()

    def _grow(self) -> None:
        """Start one more worker in the background (it joins the idle queue when ready)."""
        if self._closed:
            return
        loop = asyncio.get_running_loop()
        idle = self._idle
        assert idle is not None
        self._starting += 1

        def spawn_and_queue() -> None:
            try:
                for _ in range(3):  # a failed start is retried; the pool never silently shrinks for good
                    try:
                        new = self._spawn()
                    except (KGError, OSError):
                        continue
                    new.idle_since = time.monotonic()
                    loop.call_soon_threadsafe(idle.put_nowait, new)
                    return
            finally:
                loop.call_soon_threadsafe(self._started_one)

        loop.run_in_executor(self._threads, spawn_and_queue)

    def _started_one(self) -> None:
        self._starting -= 1

    def _release(self, worker: _Worker) -> None:
        """Put a worker back; retire extra workers that have been idle for a while."""
        assert self._idle is not None
        now = time.monotonic()
        worker.idle_since = now
        self._idle.put_nowait(worker)
        if len(self._all) <= self.workers:
            return
        keep: list[_Worker] = []
        while not self._idle.empty():
            w = self._idle.get_nowait()
            if len(self._all) > self.workers and now - w.idle_since > IDLE_RETIRE_SECONDS:
                self._all.discard(w)
                w.kill()
            else:
                keep.append(w)
        for w in keep:
            self._idle.put_nowait(w)

    async def _take_worker(self, deadline: float) -> _Worker:
        """An idle worker; when this takes the last one, a spare starts for the next query."""
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        if self._idle.empty() and len(self._all) + self._starting < self.max_workers:
            self._grow()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=max(0.0, deadline - loop.time()))
        except TimeoutError:
            raise QueryTimeout(f"All query workers stayed busy for {self.timeout:g} s; try again later.") from None
        if self._idle.empty() and len(self._all) + self._starting < self.max_workers:
            self._grow()
        return worker

    @property
    def alive(self) -> int:
        """Worker processes currently running (0 in thread mode)."""
        return sum(1 for w in self._all if w.process.is_alive())

    # -- execution -------------------------------------------------------------------------------
    async def run(self, task: QueryTask, client: str | None = None) -> QueryResult:
        """Run a task within the timeout; raises ``QueryError``, ``QueryTimeout`` or ``ResultTooLarge``.

        ``client`` (the caller's address) is subject to the per-client limit of workers.
        """
        check_service(task.sparql, self.service_allowlist)
        if self.workers <= 0:
            return await self._run_in_thread(task)
        if not self._started:
            await self.start()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        if client is None:
            return await self._run_on_worker(task, deadline)
        slot = self._clients.setdefault(client, asyncio.Semaphore(self.per_client))
        self._holders[client] = self._holders.get(client, 0) + 1
        try:
            try:
                await asyncio.wait_for(slot.acquire(), timeout=max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise QueryTimeout(
                    f"Your other queries held {self.per_client} query workers for {self.timeout:g} s; try again later."
                ) from None
            try:
                return await self._run_on_worker(task, deadline)
            finally:
                slot.release()
        finally:
            self._holders[client] -= 1
            if not self._holders[client]:
                del self._holders[client], self._clients[client]

    async def _run_on_worker(self, task: QueryTask, deadline: float) -> QueryResult:
        loop = asyncio.get_running_loop()
        worker = await self._take_worker(deadline)
        remaining = max(0.01, deadline - loop.time())
        try:
            worker.conn.send(task)
            reply = await loop.run_in_executor(self._threads, _receive, worker.conn, remaining)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(
                f"The query ran longer than {self.timeout:g} s (KG_QUERY_TIMEOUT) and was stopped."
            ) from None
        except (EOFError, OSError):
            self._replace(worker)
            limit = f" ({self.memory_limit // 1024**2} MiB)" if self.memory_limit else ""
            raise QueryTooExpensive(
                f"The query needed more memory than a query worker may use{limit} and was stopped."
            ) from None
        except BaseException:
            self._replace(worker)
            raise
        self._release(worker)
        status, payload = reply
        if status == "error":
            raise payload
        return payload  # type: ignore[no-any-return]

    async def _run_in_thread(self, task: QueryTask) -> QueryResult:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._threads, execute_task, self.engine, task, self.max_results)
        try:
            return await asyncio.wait_for(future, timeout=self.timeout)
        except TimeoutError:
            raise QueryTimeout(f"The query ran longer than {self.timeout:g} s (KG_QUERY_TIMEOUT).") from None

    async def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        bindings: Mapping[str, Term] | None = None,
    ) -> QueryOutcome:
        """Convenience for other routers: run a query with the timeout and get its ``QueryOutcome``."""
        result = await self.run(
            QueryTask(
                sparql,
                tuple(default_graphs) if default_graphs is not None else None,
                tuple(named_graphs) if named_graphs is not None else None,
                dict(bindings) if bindings else None,
            )
        )
        assert result.outcome is not None
        return result.outcome


def _receive(conn: multiprocessing.connection.Connection, timeout: float) -> tuple[str, object]:
    if not conn.poll(timeout):
        raise TimeoutError
    return conn.recv()  # type: ignore[no-any-return]
