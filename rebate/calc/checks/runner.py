"""``run_checks``: the one entry point of the doubt rules.

Used by the product's local 数据一致性检查 and by the simulated tax bureau alike; the
caller decides what the context carries (see ``model``) and which catalogue applies.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from rebate.calc.checks.catalogue import BLOCKING, DEFAULT_CATALOGUE, Catalogue, Issue
from rebate.calc.checks.customs_rules import CUSTOMS_RULES, HISTORY_RULES
from rebate.calc.checks.declaration_rules import DECLARATION_RULES
from rebate.calc.checks.finding import Finding, on_line
from rebate.calc.checks.local_rules import LOCAL_RULES
from rebate.calc.checks.model import CheckContext, DeclaredLine
from rebate.calc.checks.processing_rules import PROCESSING_RULES


def _line_findings(line: DeclaredLine, ctx: CheckContext) -> Iterator[Finding]:
    for line_rule in (*LOCAL_RULES, *HISTORY_RULES):
        yield from line_rule(line, ctx)
    record = None
    if ctx.customs is not None:
        record = ctx.customs.get(line.item_key)
        if record is None:
            if not line.is_red_letter:
                yield on_line("MDT_CKHW_BGD_WDZXX", line)
        else:
            for customs_rule in CUSTOMS_RULES:
                yield from customs_rule(line, record, ctx)
    for processing_rule in PROCESSING_RULES:
        yield from processing_rule(line, record, ctx)


def findings(lines: Sequence[DeclaredLine], ctx: CheckContext) -> Iterator[Finding]:
    """Every raw finding, line rules first (in line order), then declaration rules."""
    for line in lines:
        yield from _line_findings(line, ctx)
    for declaration_rule in DECLARATION_RULES:
        yield from declaration_rule(lines, ctx)


def run_checks(
    lines: Sequence[DeclaredLine],
    context: CheckContext,
    catalogue: Catalogue = DEFAULT_CATALOGUE,
    *,
    only: Collection[str] | None = None,
) -> list[Issue]:
    """Issues for ``lines``, levelled and worded by ``catalogue``.

    Findings whose code is disabled in the catalogue, or not in ``only`` when given, are
    dropped. A code missing from the catalogue raises ``KeyError``: a rule and its data
    must not drift apart silently.
    """
    issues: list[Issue] = []
    for finding in findings(lines, context):
        entry = catalogue[finding.code]
        if not entry.enabled or (only is not None and finding.code not in only):
            continue
        issues.append(catalogue.issue(finding.code, finding.record, finding.params))
    return issues


def has_blocking(issues: Sequence[Issue]) -> bool:
    """True when an issue is 不可挑过 (level E, not skippable)."""
    return any(issue.level == BLOCKING and not issue.skippable for issue in issues)
