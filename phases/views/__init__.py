"""Phase pages, split by what people do there. Thin: parse, call one service or selector, render.

``timeline``: the course timeline, the leader's plan and the effort page; ``phase``: a phase's page and its dates;
``work``: milestones and tasks, added, edited and deleted; ``task_row``: one task's row (status, work logged,
delete); ``my_tasks``: tasks across all the user's courses.
"""
