"""The law as pure functions: deadlines and statuses (no Django import; see docs/architecture.md)."""

from interpel.law.deadlines import RULE_SETS, Deadline, Policy, RuleSet, Start, deadline, due_on, rules_for
from interpel.law.status import AnswerKind, Facts, Reply, Status, StatusCode, status_on

__all__ = [
    "RULE_SETS",
    "AnswerKind",
    "Deadline",
    "Facts",
    "Policy",
    "Reply",
    "RuleSet",
    "Start",
    "Status",
    "StatusCode",
    "deadline",
    "due_on",
    "rules_for",
    "status_on",
]
