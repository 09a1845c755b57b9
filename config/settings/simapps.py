"""The simulators of the outside world (DESIGN §1). A new simulator app is added HERE only:
config.settings.sim serves every app listed, config.sim_urls mounts each at /<name>/, the test
settings install them for in-process tests, and no product settings module ever lists them."""

SIM_APPS = ["sim.access", "sim.customs", "sim.taxbureau", "sim.sms", "sim.rates"]
