"""备案申报 (SPEC §8 BA-01…BA-14): the enterprise's standing with the tax bureau — filed,
uploaded, fed back and in force: 备案及变更, 撤回, 先退税后核销资格, 集团成员, 放弃, 提醒, 恢复适用
and 委托代办. The family's registration is family.py; what approvals put in force, effects.py
and gates.py."""
