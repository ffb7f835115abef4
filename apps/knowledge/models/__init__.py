"""Models of the knowledge base, one module per concern."""

from apps.knowledge.models.legal import (
    AccessibilityStatementPage,
    LegalNoticePage,
    PrivacyNoticePage,
)
from apps.knowledge.models.pages import (
    ContactDirectoryPage,
    HomePage,
    KnowledgeIndexPage,
    PartnerAreaPage,
    StatisticsPage,
    ThemeIndexPage,
    ThemePage,
)
from apps.knowledge.models.reuse import Reuse, ReuseChanges
from apps.knowledge.models.search import (
    PendingIndexUpdate,
    Term,
    TermGroup,
    ZeroResultQuery,
)
from apps.knowledge.models.snippets import Contact, FieldOfAction, Organisation
from apps.knowledge.models.solutions import (
    SolutionContact,
    SolutionFieldOfAction,
    SolutionPage,
    SolutionPageTag,
    SolutionPartner,
    SolutionRelation,
)
from apps.knowledge.models.tags import TagTranslation
from apps.knowledge.models.translation import (
    MachineTranslationEngine,
    TranslationSettings,
    TreeTranslationJob,
)

__all__ = [
    "AccessibilityStatementPage",
    "Contact",
    "ContactDirectoryPage",
    "FieldOfAction",
    "HomePage",
    "KnowledgeIndexPage",
    "LegalNoticePage",
    "MachineTranslationEngine",
    "Organisation",
    "PartnerAreaPage",
    "PendingIndexUpdate",
    "PrivacyNoticePage",
    "Reuse",
    "ReuseChanges",
    "SolutionContact",
    "SolutionFieldOfAction",
    "SolutionPage",
    "SolutionPageTag",
    "SolutionPartner",
    "SolutionRelation",
    "StatisticsPage",
    "TagTranslation",
    "Term",
    "TermGroup",
    "ThemeIndexPage",
    "ThemePage",
    "TranslationSettings",
    "TreeTranslationJob",
    "ZeroResultQuery",
]
