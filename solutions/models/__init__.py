from solutions.models.counters import PageViewCount
from solutions.models.index import ResourceIndexPage, SolutionIndexPage
from solutions.models.news import NewsIndexPage, NewsPage, NewsResource, NewsUpdate
from solutions.models.organisation import Organisation, OrganisationKind
from solutions.models.resources import Resource, ResourceDocument
from solutions.models.solution import (
    SolutionContact,
    SolutionFundingSource,
    SolutionImage,
    SolutionKeyFigure,
    SolutionLink,
    SolutionPage,
    SolutionPageTag,
    SolutionPartner,
    SolutionResource,
)
from solutions.models.taxonomy import SDG, Country, Modality, Region, Theme

__all__ = [
    "SDG",
    "Country",
    "Modality",
    "NewsIndexPage",
    "NewsPage",
    "NewsResource",
    "NewsUpdate",
    "Organisation",
    "OrganisationKind",
    "PageViewCount",
    "Region",
    "Resource",
    "ResourceDocument",
    "ResourceIndexPage",
    "SolutionContact",
    "SolutionFundingSource",
    "SolutionImage",
    "SolutionIndexPage",
    "SolutionKeyFigure",
    "SolutionLink",
    "SolutionPage",
    "SolutionPageTag",
    "SolutionPartner",
    "SolutionResource",
    "Theme",
]
