"""Governance the guideline asks for: the joint vision, the consortium agreement's content, and phase gates."""

from governance.models.agreement import AgreementClause, ClauseItem
from governance.models.gates import GatePassage
from governance.models.vision import VisionComment, VisionSection, VisionVersion

__all__ = ["AgreementClause", "ClauseItem", "GatePassage", "VisionComment", "VisionSection", "VisionVersion"]
