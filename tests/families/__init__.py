"""Declaration families registered only in tests (issue 15's proof): each is a Django app of its
own, installed by config.settings.test and mounted by tests.families.urls, with no line of engine
or simulator code written for it."""
