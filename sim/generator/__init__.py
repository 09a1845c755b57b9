"""The data generator of the simulators: `python manage.py sim_seed` (sim.taxbureau command).

Not a Django app (it owns no tables): it writes into sim.customs and sim.taxbureau through
their models and registries, and records its own bookkeeping (SeedMonth, SeedCard,
PlantedAnomaly) in sim.taxbureau.
"""
