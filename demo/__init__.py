"""Demo and benchmark data, kept apart from the domain apps.

``demo.story``: the demo consortium (``manage.py seed_demo``), built through the services so permissions and
history are as in real use. ``demo.scale``: a consortium-scale data set for benchmarks (``manage.py seed_scale``),
built with bulk inserts. Each has one module per domain app; teams' part runs first.
"""
