"""Places accepted meeting requests into slots and at tables, for the most total priority.

Plain Python, no Django: the services hand it a ``Problem`` and store the ``Schedule`` it
returns; the benchmark (``python -m benchmarks.scheduler``) and the property tests call it
directly.

Rules every schedule keeps: a request is placed at most once; a person has at most one meeting
a slot; a meeting only uses a slot both people are available for and that is not a break; a
slot holds at most as many meetings as there are tables; locked meetings stay where they are.

An exact model (OR-Tools CP-SAT) runs when the event is small enough, started from the greedy
schedule and stopped at a time limit; bigger events get the greedy schedule alone. Either way
the schedule says how far it may be from the best possible: ``bound`` is an upper bound on the
total priority (the solver's own when it ran, else a counting bound), ``gap`` the share of it
not reached.
"""

import os
import time
from collections import defaultdict
from dataclasses import dataclass, field

# Above this many request × slot pairs the exact model is not built (memory and set-up time
# grow with it); the greedy schedule is used and its gap reported.
EXACT_MAX_PAIRS = 400_000


@dataclass(frozen=True)
class Request:
    id: int
    people: tuple[int, int]
    priority: int = 1


@dataclass
class Problem:
    slots: list[int]
    tables: int
    requests: list[Request]
    unavailable: dict[int, set[int]] = field(default_factory=dict)
    locked: dict[int, tuple[int, int]] = field(default_factory=dict)  # request id: (slot, table)


@dataclass
class Schedule:
    placed: dict[int, tuple[int, int]]  # request id: (slot, table)
    objective: int
    bound: int
    method: str  # "cp-sat" or "greedy"
    optimal: bool
    seconds: float

    @property
    def gap(self) -> float:
        return 0.0 if self.bound <= 0 else max(0.0, (self.bound - self.objective) / self.bound)

    def report(self) -> dict:
        return {
            "meetings": len(self.placed),
            "objective": self.objective,
            "bound": self.bound,
            "gap": round(self.gap, 4),
            "method": self.method,
            "optimal": self.optimal,
            "seconds": round(self.seconds, 2),
        }


class _State:
    """What is taken: each person's slots and each slot's tables."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.busy: dict[int, set[int]] = defaultdict(set)
        self.tables_used: dict[int, set[int]] = defaultdict(set)
        self.count: dict[int, int] = defaultdict(int)  # meetings in each slot
        by_id = {r.id: r for r in problem.requests}
        for request_id, (slot, table) in problem.locked.items():
            for person in by_id[request_id].people:
                self.busy[person].add(slot)
            self.tables_used[slot].add(table)
            self.count[slot] += 1

    def allowed_slots(self, request: Request) -> list[int]:
        a, b = request.people
        off_a = self.problem.unavailable.get(a, ())
        off_b = self.problem.unavailable.get(b, ())
        return [s for s in self.problem.slots if s not in off_a and s not in off_b]

    def free(self, request: Request, slot: int) -> bool:
        a, b = request.people
        return (
            slot not in self.busy[a]
            and slot not in self.busy[b]
            and self.count[slot] < self.problem.tables
        )

    def take(self, request: Request, slot: int) -> None:
        for person in request.people:
            self.busy[person].add(slot)
        self.count[slot] += 1

    def table_for(self, slot: int) -> int:
        used = self.tables_used[slot]
        table = next(t for t in range(1, self.problem.tables + 1) if t not in used)
        used.add(table)
        return table


def _open_requests(problem: Problem) -> list[Request]:
    return [r for r in problem.requests if r.id not in problem.locked]


def _locked_priority(problem: Problem) -> int:
    return sum(r.priority for r in problem.requests if r.id in problem.locked)


def counting_bound(problem: Problem) -> int:
    """An upper bound on the total priority: at most tables × slots meetings less the locked
    ones, and at most half the sum over people of min(their requests, their free slots); the
    highest priorities fill that many places."""
    state = _State(problem)
    candidates = [r for r in _open_requests(problem) if state.allowed_slots(r)]
    degree: dict[int, int] = defaultdict(int)
    for request in candidates:
        for person in request.people:
            degree[person] += 1
    per_person = 0
    for person, count in degree.items():
        off = problem.unavailable.get(person, ())
        free = [s for s in problem.slots if s not in off and s not in state.busy[person]]
        per_person += min(count, len(free))
    places = sum(max(0, problem.tables - state.count[s]) for s in problem.slots)
    most = min(len(candidates), places, per_person // 2)
    best = sorted((r.priority for r in candidates), reverse=True)[:most]
    return _locked_priority(problem) + sum(best)


def lp_bound(problem: Problem) -> int | None:
    """A tighter upper bound from a linear programme (GLOP): choose a fraction of each request,
    each person at most as many meetings as they have free slots, all meetings at most the free
    places. Any schedule is a solution of it, so its optimum bounds the total priority. None
    when OR-Tools is not installed."""
    try:
        from ortools.linear_solver import pywraplp
    except ImportError:
        return None
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    state = _State(problem)
    candidates = [r for r in _open_requests(problem) if state.allowed_slots(r)]
    take = {r.id: solver.NumVar(0.0, 1.0, f"y{r.id}") for r in candidates}
    by_person: dict[int, list] = defaultdict(list)
    for request in candidates:
        for person in request.people:
            by_person[person].append(take[request.id])
    for person, variables in by_person.items():
        off = problem.unavailable.get(person, ())
        free = len([s for s in problem.slots if s not in off and s not in state.busy[person]])
        solver.Add(solver.Sum(variables) <= free)
    places = sum(max(0, problem.tables - state.count[s]) for s in problem.slots)
    solver.Add(solver.Sum(list(take.values())) <= places)
    solver.Maximize(solver.Sum([r.priority * take[r.id] for r in candidates]))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return _locked_priority(problem) + int(solver.Objective().Value() + 1e-6)


def _bound(problem: Problem) -> int:
    counted = counting_bound(problem)
    linear = lp_bound(problem)
    return counted if linear is None else min(counted, linear)


def _assign_tables(problem: Problem, slots_of: dict[int, int]) -> dict[int, tuple[int, int]]:
    state = _State(problem)
    placed = dict(problem.locked)
    for request_id, slot in sorted(slots_of.items(), key=lambda item: (item[1], item[0])):
        placed[request_id] = (slot, state.table_for(slot))
    return placed


def _greedy_slots(problem: Problem) -> dict[int, int]:
    """Highest priority first; among equals, people with many requests first (they are the
    hardest to fit); each request in the earliest slot both people and a table are free."""
    state = _State(problem)
    degree: dict[int, int] = defaultdict(int)
    for request in problem.requests:
        for person in request.people:
            degree[person] += 1
    order = sorted(
        _open_requests(problem),
        key=lambda r: (-r.priority, -(degree[r.people[0]] + degree[r.people[1]]), r.id),
    )
    slots_of: dict[int, int] = {}
    at: dict[tuple[int, int], Request] = {}  # (person, slot): the open request placed there

    def place(request: Request, slot: int) -> None:
        state.take(request, slot)
        slots_of[request.id] = slot
        for person in request.people:
            at[person, slot] = request

    def unplace(request: Request) -> None:
        slot = slots_of.pop(request.id)
        for person in request.people:
            state.busy[person].discard(slot)
            del at[person, slot]
        state.count[slot] -= 1

    for request in order:
        slot = next((s for s in state.allowed_slots(request) if state.free(request, s)), None)
        if slot is not None:
            place(request, slot)
    # Repair: a request left out because its two people have no free slot in common often fits
    # after moving one meeting of one of them to another slot.
    for request in order:
        if request.id not in slots_of:
            _repair(state, request, at, place, unplace)
    return slots_of


def _repair(state: _State, request: Request, at, place, unplace) -> bool:
    for slot in state.allowed_slots(request):
        if state.count[slot] >= state.problem.tables:
            continue
        free = [person for person in request.people if slot not in state.busy[person]]
        blocker = next((at[p, slot] for p in request.people if (p, slot) in at), None)
        if len(free) != 1 or blocker is None:
            continue  # exactly one of the two is held up, by a meeting that may move
        for other_slot in state.allowed_slots(blocker):
            if other_slot != slot and state.free(blocker, other_slot):
                unplace(blocker)
                place(blocker, other_slot)
                place(request, slot)
                return True
    return False


def greedy(problem: Problem) -> Schedule:
    started = time.perf_counter()
    slots_of = _greedy_slots(problem)
    placed = _assign_tables(problem, slots_of)
    objective = sum(r.priority for r in problem.requests if r.id in placed)
    bound = _bound(problem)
    return Schedule(
        placed=placed,
        objective=objective,
        bound=bound,
        method="greedy",
        optimal=objective >= bound,
        seconds=time.perf_counter() - started,
    )


def _exact(problem: Problem, start: dict[int, int], time_limit: float, workers: int) -> Schedule:
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    state = _State(problem)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], object] = {}
    by_person_slot: dict[tuple[int, int], list] = defaultdict(list)
    by_slot: dict[int, list] = defaultdict(list)
    requests = _open_requests(problem)
    for request in requests:
        a, b = request.people
        choices = []
        for slot in state.allowed_slots(request):
            if slot in state.busy[a] or slot in state.busy[b]:
                continue
            var = model.new_bool_var(f"x{request.id}_{slot}")
            x[request.id, slot] = var
            choices.append(var)
            by_person_slot[a, slot].append(var)
            by_person_slot[b, slot].append(var)
            by_slot[slot].append(var)
            model.add_hint(var, start.get(request.id) == slot)
        if len(choices) > 1:
            model.add_at_most_one(choices)
    for variables in by_person_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    for slot, variables in by_slot.items():
        free_tables = max(0, problem.tables - state.count[slot])
        if len(variables) > free_tables:
            model.add(sum(variables) <= free_tables)
    priority = {r.id: r.priority for r in requests}
    model.maximize(sum(priority[rid] * var for (rid, _slot), var in x.items()))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("CP-SAT found no schedule")
    slots_of = {rid: slot for (rid, slot), var in x.items() if solver.value(var)}
    placed = _assign_tables(problem, slots_of)
    locked = _locked_priority(problem)
    objective = locked + round(solver.objective_value)
    bound = locked + int(solver.best_objective_bound + 1e-6)
    return Schedule(
        placed=placed,
        objective=objective,
        bound=max(bound, objective),
        method="cp-sat",
        optimal=status == cp_model.OPTIMAL or objective >= bound,
        seconds=time.perf_counter() - started,
    )


def solve(problem: Problem, *, time_limit: float = 10.0, workers: int | None = None) -> Schedule:
    """The best schedule found within ``time_limit`` seconds (see the module's docstring)."""
    started = time.perf_counter()
    quick = greedy(problem)
    pairs = len(problem.requests) * len(problem.slots)
    if quick.optimal or pairs > EXACT_MAX_PAIRS:
        return quick
    workers = workers or min(8, os.cpu_count() or 1)
    try:
        exact = _exact(problem, _greedy_slots(problem), time_limit, workers)
    except (ImportError, RuntimeError):
        return quick
    best = exact if exact.objective >= quick.objective else quick
    best.bound = min(exact.bound, quick.bound)
    best.optimal = best.objective >= best.bound
    best.seconds = time.perf_counter() - started
    return best
