"""The review case (*ärende*, contract section 5): one GeoPackage per case holding each checked
version of the plan, its findings, outcomes, statistics and provenance, the reviewer's decisions
and the edited statement; the comparison of two versions; the reviewer's inbox."""

from ..errors import CaseError
from .compare import Comparison, FindingChange, compare_findings, compare_versions
from .inbox import list_cases, read_summary
from .model import (
                    SCHEMA,
                    STATES,
                    TABLE_NAMES,
                    CaseFinding,
                    CaseInfo,
                    CaseSummary,
                    DecidedFinding,
                    Decision,
                    PlanVersion,
                    StatementSection,
)
from .reporting import earlier_decisions, report_arguments
from .store import Case, create_case, open_case

__all__ = [
    "SCHEMA", "STATES", "TABLE_NAMES", "Case", "CaseError", "CaseFinding", "CaseInfo", "CaseSummary",
    "Comparison", "DecidedFinding", "Decision", "FindingChange", "PlanVersion", "StatementSection",
    "compare_findings", "compare_versions", "create_case", "earlier_decisions", "list_cases", "open_case",
    "read_summary", "report_arguments",
]
