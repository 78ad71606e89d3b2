"""The opt-out kit: machine-readable reservations generated from a policy, merged and checked."""
