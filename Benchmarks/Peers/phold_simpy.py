"""PHOLD in SimPy, the same model as Gigawatt's `gigawatt-bench kernel` (PHOLD.swift).

PROCESSES logical processes each start with EVENTS_PER_PROCESS events; each event, when handled
at process p, draws from p's own random stream a uniformly random target process and a delay of
0.1 + Exp(mean 1) time units, and schedules one new event there. Stops after MAX_EVENTS handled
events. Written the way SimPy users write models: one generator process per circulating event,
`yield env.timeout(delay)`.

Python's Mersenne Twister replaces Gigawatt's xoshiro256** streams, so final times differ; the
event count and the work per event are the same. Timed from the first scheduled event to the
stop (interpreter start-up and imports are outside the timing).

Usage: phold_simpy.py PROCESSES EVENTS_PER_PROCESS MAX_EVENTS SEED
Prints: events=N seconds=S final_time=T
"""
import random
import sys
import time

import simpy


def main(processes, per_process, max_events, seed):
    start = time.perf_counter()
    env = simpy.Environment()
    streams = [random.Random(seed * 1_000_003 + p) for p in range(processes)]
    handled = [0]
    done = env.event()

    def circulating(process, delay):
        while True:
            yield env.timeout(delay)
            handled[0] += 1
            if handled[0] == max_events:
                done.succeed()
                return
            stream = streams[process]
            process = stream.randrange(processes)
            delay = 0.1 + stream.expovariate(1.0)

    for p in range(processes):
        for _ in range(per_process):
            env.process(circulating(p, 0.1 + streams[p].expovariate(1.0)))
    env.run(until=done)
    seconds = time.perf_counter() - start
    print(f"events={handled[0]} seconds={seconds:.6f} final_time={env.now:.6f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:5]))
