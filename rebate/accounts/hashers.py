"""Argon2id with OWASP's recommended parameters (m = 19 MiB, t = 2, p = 1).

Django's defaults (100 MiB, p = 8) make one sign-in cost hundreds of milliseconds on a
2-core server; at 50 clerks signing in together that queues for seconds. OWASP's minimum
configuration keeps argon2id's memory-hardness at a cost a login page can carry.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19456
    parallelism = 1
