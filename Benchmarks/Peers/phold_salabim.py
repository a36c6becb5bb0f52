"""PHOLD in salabim, the same model as Gigawatt's `gigawatt-bench kernel` (PHOLD.swift) and
phold_simpy.py: one salabim Component per circulating event, `self.hold(delay)` between hops.

Usage: phold_salabim.py PROCESSES EVENTS_PER_PROCESS MAX_EVENTS SEED
Prints: events=N seconds=S final_time=T
"""
import random
import sys
import time

import salabim as sim

sim.yieldless(False)  # generator processes (`yield self.hold(...)`), no greenlet dependency


def main(processes, per_process, max_events, seed):
    start = time.perf_counter()
    env = sim.Environment(trace=False)
    streams = [random.Random(seed * 1_000_003 + p) for p in range(processes)]
    handled = [0]

    class Circulating(sim.Component):
        def setup(self, where, first_delay):
            self.where = where
            self.delay = first_delay

        def process(self):
            while True:
                yield self.hold(self.delay)
                handled[0] += 1
                if handled[0] == max_events:
                    self.env.main().activate()  # salabim's way to end env.run() early
                    return
                stream = streams[self.where]
                self.where = stream.randrange(processes)
                self.delay = 0.1 + stream.expovariate(1.0)

    for p in range(processes):
        for _ in range(per_process):
            Circulating(where=p, first_delay=0.1 + streams[p].expovariate(1.0))
    env.run()
    seconds = time.perf_counter() - start
    print(f"events={handled[0]} seconds={seconds:.6f} final_time={env.now():.6f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:5]))
