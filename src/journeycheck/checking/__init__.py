"""Checking what was read: its shape (:mod:`.shape`), pydantic's errors in the author's
words (:mod:`.wording`), and the cross-references between plan and playbook (:mod:`.references`).
"""
