"""The query pool's isolation (api.workers.QueryPool), with real worker processes on the built store:
the reserve that requests finding every worker busy run on, the queries kept out of it, the path
of an item's status, and the bound on all workers' memory together."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import kb
from api.workers import Job, QueryPool, call_job

BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
OTHER_BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MEMORY_BOMB = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
ITEM = "https://w3id.org/iacml-kb/doc/wg1-2021-final-report/recommendation_7"


def select(query: str, timeout: float) -> Job:
    return Job("select", query, "json", timeout, 100)


def with_pool(store: Any, body: Any, **settings: Any) -> Any:
    async def main() -> Any:
        pool = QueryPool(str(store), **settings)
        await pool.start()
        try:
            return await body(pool)
        finally:
            await pool.close()

    return asyncio.run(main())


def test_a_request_finding_every_worker_busy_runs_at_once_on_the_reserve(built_release: Any) -> None:
    async def body(pool: QueryPool) -> None:
        bomb = asyncio.ensure_future(pool.run(select(BOMB, 4)))
        await asyncio.sleep(0.5)  # the bomb holds the one worker
        answer = await pool.run(Job("ask", "ASK {}", "json", 4, 0))
        assert b"true" in answer.body
        assert pool.describe()["reserve"]["jobs"] == 1 and pool.describe()["jobs"] == 1
        assert not bomb.done()  # answered while the bomb still ran
        with pytest.raises(kb.QueryTimeoutError):
            await bomb

    with_pool(built_release.store_path, body, size=1, max_workers=1, reserve=1, reserve_time_limit=1.0,
              time_limit=4.0)


def test_a_query_that_hit_a_limit_does_not_take_the_reserve_again(built_release: Any) -> None:
    async def body(pool: QueryPool) -> None:
        first = asyncio.ensure_future(pool.run(select(BOMB, 2)))
        await asyncio.sleep(0.5)
        with pytest.raises(kb.QueryTimeoutError, match="busy with long queries"):
            await pool.run(select(OTHER_BOMB, 2))  # on the reserve, stopped at its 0.5 s
        assert pool.describe()["reserve"]["jobs"] == 1
        again = asyncio.ensure_future(pool.run(select("  " + OTHER_BOMB.replace(" ", "\n"), 2)))
        await asyncio.sleep(0.3)
        assert pool.describe()["reserve"]["jobs"] == 1  # the same text (spacing aside) waits for a worker
        assert not again.done()
        for task in (first, again):
            with pytest.raises(kb.QueryTimeoutError, match="time limit of 2 s"):
                await task
        assert pool.describe()["jobs"] == 2

    with_pool(built_release.store_path, body, size=1, max_workers=1, reserve=1, reserve_time_limit=0.5,
              time_limit=2.0)


def test_an_items_status_runs_on_the_reserve(built_release: Any) -> None:
    async def body(pool: QueryPool) -> None:
        answer = await pool.run(call_job("explanation", 5, item=ITEM, asof=None))
        assert b'"response"' in answer.body
        assert pool.describe()["reserve"]["jobs"] == 1 and pool.describe()["jobs"] == 0

    with_pool(built_release.store_path, body, size=1, max_workers=1, reserve=1, time_limit=5.0)


def test_the_workers_together_stay_under_their_memory_bound(built_release: Any) -> None:
    async def body(pool: QueryPool) -> None:
        with pytest.raises(kb.StoreError, match="memory bound of 400 MB"):
            await pool.run(select(MEMORY_BOMB, 20))
        assert pool.describe()["killed_for_memory"] == 1
        assert b"true" in (await pool.run(Job("ask", "ASK {}", "json", 5, 0))).body  # a fresh worker answers

    with_pool(built_release.store_path, body, size=1, max_workers=1, reserve=0, time_limit=20.0,
              total_memory_mb=400)
