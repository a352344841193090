"""One network answers from several threads at once, with the GIL released during the work."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import vpcsim
from conftest import BROKEN_CAPTURE, I_APP, SEED_CAPTURE


def test_threads_tracing_one_network_get_the_answers_of_a_single_thread():
    net = vpcsim.load(SEED_CAPTURE)
    flows = [(I_APP, dst) for dst in ("ecr", "s3", "ecr.api", "ecr.dkr", "dynamodb", "203.0.113.25")] * 40
    expected = {f: net.trace(*f).to_dict() for f in set(flows)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda f: (f, net.trace(*f).to_dict()), flows))
    assert all(a == expected[f] for f, a in answers)


def test_the_gil_is_released_while_a_long_matrix_runs():
    # While one thread waits in the library, this one keeps running Python. Were the GIL held, this
    # thread would stand still for the whole call: its longest pause would be the call's length.
    net = vpcsim.load(SEED_CAPTURE)
    in_call = threading.Event()
    finished = threading.Event()
    took = []

    def long_matrix():
        in_call.set()
        start = time.perf_counter()
        net.matrix([I_APP], ["ecr"] * 15000, jobs=1)
        took.append(time.perf_counter() - start)
        finished.set()

    worker = threading.Thread(target=long_matrix)
    worker.start()
    in_call.wait()
    longest_pause, last = 0.0, time.perf_counter()
    while not finished.is_set():
        now = time.perf_counter()
        longest_pause, last = max(longest_pause, now - last), now
    worker.join()
    assert took[0] > 0.3, "the call must be long enough for the comparison to mean something"
    assert longest_pause < took[0] / 2


def test_loading_in_threads_gives_independent_networks():
    with ThreadPoolExecutor(max_workers=2) as pool:
        nets = list(pool.map(lambda p: vpcsim.load(p), [SEED_CAPTURE, BROKEN_CAPTURE] * 3))
    assert [n.trace(I_APP, "ecr").reachable for n in nets] == [True, False] * 3
