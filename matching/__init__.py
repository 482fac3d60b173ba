"""The matching engine, match records and the broker workflow, matchmaking events."""
