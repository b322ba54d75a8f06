"""Scoring releases the GIL: other Python threads run while a batch is scored."""

import threading
import time

import emotics


def test_other_threads_run_while_a_batch_is_scored(messages):
    checker = emotics.Checker()
    batch = messages * 60  # long enough to take a good part of a second
    started, took = threading.Event(), {}

    def score():
        started.set()
        start = time.perf_counter()
        checker.score_batch(batch)
        took["seconds"] = time.perf_counter() - start

    worker = threading.Thread(target=score)
    worker.start()
    started.wait()
    start = time.perf_counter()
    time.sleep(0.05)  # waking up needs the GIL
    slept = time.perf_counter() - start
    worker.join()
    # had the native call held the GIL, this thread would have woken up only after it
    assert slept < took["seconds"] / 2, (slept, took)


def test_threads_sharing_a_checker_get_the_same_results(messages):
    checker = emotics.Checker(profiles=["sms"])
    expected = checker.score_batch(messages)
    results = [None] * 4

    def score(i):
        results[i] = checker.score_batch(messages)

    threads = [threading.Thread(target=score, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result.equals(expected) for result in results)
