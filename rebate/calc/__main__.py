"""``python -m rebate.calc``: see ``rebate.calc.cli``."""

from rebate.calc.cli import main

raise SystemExit(main())
