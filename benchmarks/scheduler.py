"""The meeting scheduler on a large matchmaking event: meetings placed, bound, gap, time.

    python -m benchmarks.scheduler [--participants 300 --requests 2000 --slots 16 --tables 60]

Builds a reproducible event (``--seed``): participants of whom a fifth are sought after (the
universities' and institutes' teams, who receive half of all requests), accepted requests
between random pairs, and a quarter of the participants unavailable for a block of 2-6 slots
(arriving late or leaving early). Then runs the portal's scheduler (``matching.events.
scheduler``, plain Python, no database): the greedy schedule alone, and ``solve`` (CP-SAT from
the greedy start, stopped at ``--time-limit`` seconds) once with every request of equal priority
(the number of meetings is maximised) and once with priorities as the portal gives them
(100 for an accepted request plus up to 100 for the pair's match score).

Prints a table, then one line for the run with the portal's priorities through ``solve``:
meetings=N upper_bound=U gap=G seconds=S
(N meetings placed; U bounds the total priority any schedule could reach, the smaller of the
solver's bound and the scheduler's own (counting and linear-programme) bounds; G = (U - P) / U
for the schedule's total priority P).
"""

import argparse
import random

from matching.events import scheduler


def make_problem(args, *, weighted: bool) -> scheduler.Problem:
    rng = random.Random(args.seed)
    people = list(range(1, args.participants + 1))
    sought = people[: args.participants // 5]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < args.requests:
        sender = rng.choice(people)
        recipient = rng.choice(sought) if rng.random() < 0.5 else rng.choice(people)
        if sender != recipient:
            pairs.add((min(sender, recipient), max(sender, recipient)))
    requests = [
        scheduler.Request(id=n, people=pair, priority=100 + rng.randint(0, 100) if weighted else 1)
        for n, pair in enumerate(sorted(pairs), start=1)
    ]
    slots = list(range(1, args.slots + 1))
    unavailable = {}
    for person in people:
        if rng.random() < 0.25:
            length = rng.randint(2, 6)
            start = rng.choice([1, args.slots - length + 1])  # late arrival or early leave
            unavailable[person] = set(range(start, start + length))
    return scheduler.Problem(
        slots=slots, tables=args.tables, requests=requests, unavailable=unavailable
    )


def check(problem: scheduler.Problem, schedule: scheduler.Schedule) -> None:
    """The rules every schedule keeps (the benchmark refuses to report a broken one)."""
    by_id = {r.id: r for r in problem.requests}
    seen_person, seen_table = set(), set()
    for request_id, (slot, table) in schedule.placed.items():
        assert slot in problem.slots and 1 <= table <= problem.tables
        assert (slot, table) not in seen_table
        seen_table.add((slot, table))
        for person in by_id[request_id].people:
            assert slot not in problem.unavailable.get(person, ())
            assert (person, slot) not in seen_person
            seen_person.add((person, slot))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--slots", type=int, default=16)
    parser.add_argument("--tables", type=int, default=60)
    parser.add_argument("--time-limit", type=float, default=25.0, help="CP-SAT seconds")
    parser.add_argument("--workers", type=int, default=None, help="CP-SAT workers (cores)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)

    plain = make_problem(args, weighted=False)
    weighted = make_problem(args, weighted=True)
    rows = []
    for label, problem in (("equal priority", plain), ("portal priorities", weighted)):
        for method, run in (
            ("greedy", lambda p=problem: scheduler.greedy(p)),
            (
                "solve",
                lambda p=problem: scheduler.solve(
                    p, time_limit=args.time_limit, workers=args.workers
                ),
            ),
        ):
            schedule = run()
            check(problem, schedule)
            rows.append((label, method, schedule))

    print(
        f"participants={args.participants} requests={len(plain.requests)} "
        f"slots={args.slots} tables={args.tables} time_limit={args.time_limit:g}s"
    )
    print(
        f"{'priorities':<18} {'run':<7} {'method':<7} {'meetings':>8} {'objective':>10} "
        f"{'bound':>10} {'gap':>7} {'optimal':>7} {'seconds':>8}"
    )
    for label, method, s in rows:
        print(
            f"{label:<18} {method:<7} {s.method:<7} {len(s.placed):>8} {s.objective:>10} "
            f"{s.bound:>10} {s.gap:>7.2%} {s.optimal!s:>7} {s.seconds:>8.2f}"
        )
    final = rows[3][2]
    print(
        f"meetings={len(final.placed)} upper_bound={final.bound} gap={final.gap:.4f} "
        f"seconds={final.seconds:.2f}"
    )


if __name__ == "__main__":
    main()
