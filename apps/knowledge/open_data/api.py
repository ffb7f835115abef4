"""The public read API (Wagtail API v2): solutions, organisations, contacts and
fields of action.

Filters every endpoint understands: ``locale`` or ``language`` (``?language=da``);
solutions also ``field_of_action`` (slug), ``phase`` and ``organisation`` (slug of
the lead or a partner organisation, in any language); contacts ``organisation``.
Only live, public solutions appear; contacts only as far as the person consented
(the same records as the downloads, see ``apps.knowledge.open_data.downloads``).

Bad input is the caller's error, never the server's: a parameter that is not what
its field holds (``?start_date=abc``, ``?offset=<23 digits>``) is a 400 and an id
no record can have is a 404, both in Wagtail's JSON shape ``{"message": "..."}``.
https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend
from taggit.managers import TaggableManager
from wagtail.api import APIField
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from apps.knowledge.choices import Phase
from apps.knowledge.models import (
    Contact,
    FieldOfAction,
    Organisation,
    SolutionPage,
)
from apps.knowledge.models.snippets import public_version
from apps.knowledge.open_data.api_messages import (
    LANGUAGE_PARAMETERS,
    api_language,
    translate_wagtail_message,
)
from apps.knowledge.open_data.downloads import public_contact
from apps.knowledge.reuse_graph import adoptions_of
from apps.knowledge.reuse_graph import derived_from as solutions_derived_from
from apps.knowledge.search import engine
from apps.knowledge.visibility import visible
from apps.security.record_ids import MAX_DATABASE_INTEGER

# The largest number a database integer (SQLite's, PostgreSQL's bigint) holds; an
# offset beyond it is not a number the database can skip to.

# What Wagtail's search backends accept as ``search_operator``.
SEARCH_OPERATORS = ("and", "or")


# Bad input -------------------------------------------------------------------


def _field_error(name: str, error: ValidationError) -> BadRequestError:
    return BadRequestError(
        _("%(name)s: %(error)s") % {"name": name, "error": " ".join(error.messages)}
    )


def _column(field) -> models.Field | None:
    """The field whose values a filter compares: for a relation (a foreign key, a
    page's ``page_ptr``, a list of child records) the key of the related record."""
    while field is not None and field.is_relation:
        if isinstance(field, models.ForeignKey):
            field = field.target_field
        elif field.related_model is not None:
            field = field.related_model._meta.pk
        else:
            return None  # a generic relation: no single column
    return field


def check_field_value(model: type[models.Model], name: str, value: str) -> None:
    """``?<field>=<value>`` must be a value of that field before it reaches the
    database: Wagtail converts only numbers and booleans itself, so a date or a
    decimal that is none, or an id beyond the column's range, was a server error.

    Text fields take any text (a title too long simply matches nothing), so only
    their conversion runs, not their validators (length, URL form). A StreamField
    holds no value to compare with.
    """
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    # Wagtail checks these itself: tag names, and booleans with parse_boolean.
    if isinstance(field, (TaggableManager, models.BooleanField)):
        return
    if isinstance(field, StreamField):
        raise BadRequestError(
            _("%(name)s: cannot filter by this field.") % {"name": name}
        )
    field = _column(field)
    if field is None:
        return
    try:
        python_value = field.to_python(value)
        if python_value is not None and not isinstance(
            field, (models.CharField, models.TextField)
        ):
            for validator in field.validators:
                validator(python_value)
    except ValidationError as error:
        raise _field_error(name, error) from error


def check_primary_key(model: type[models.Model], pk: int) -> None:
    """An id in a detail address that the id column cannot hold is a 404 (the
    database would fail on it; SQLite has no number that large)."""
    try:
        for validator in _column(model._meta.pk).validators:
            validator(pk)
    except ValidationError as error:
        raise Http404(_("Not found.")) from error


class BoundedPagination(WagtailPagination):
    """Wagtail's ``offset``/``limit`` paging, with an offset the database can use."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # not a number: Wagtail's own check answers it
        if offset > MAX_DATABASE_INTEGER - (settings.WAGTAILAPI_LIMIT_MAX or 0):
            raise BadRequestError(_("offset is too large."))
        return super().paginate_queryset(queryset, request, view)


class BadInputMixin:
    """Shared by every endpoint: checked ids in detail addresses, bounded paging,
    error messages in the caller's language
    (``apps.knowledge.open_data.api_messages``)."""

    pagination_class = BoundedPagination

    def dispatch(self, request, *args, **kwargs):
        with translation.override(api_language(request)):
            return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, (Http404, BadRequestError)):
            exc = type(exc)(translate_wagtail_message(str(exc)))
        return super().handle_exception(exc)

    def get_object(self):
        check_primary_key(self.model, self.kwargs["pk"])
        return super().get_object()


# Filters ---------------------------------------------------------------------


def _requested_locale(request) -> Locale | None:
    code = next(
        (request.GET[name] for name in LANGUAGE_PARAMETERS if name in request.GET),
        None,
    )
    if code is None:
        return None
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise BadRequestError(_("Unknown language: %(code)s.") % {"code": code})
    return locale


def _slug(request, name: str) -> str | None:
    value = request.GET.get(name)
    if value is not None and not value.strip():
        raise BadRequestError(_("%(name)s needs a slug.") % {"name": name})
    return value


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?budget=``, ``?start_date=``), each value checked
    against its model field first (:func:`check_field_value`)."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields and name != "locale":
                check_field_value(queryset.model, name, value)
        return super().filter_queryset(request, queryset, view)


class LanguageFilter(BaseFilterBackend):
    """``?locale=da`` or ``?language=da``: only records in that language."""

    def filter_queryset(self, request, queryset, view):
        locale = _requested_locale(request)
        return queryset if locale is None else queryset.filter(locale=locale)


class SolutionFilter(BaseFilterBackend):
    """Field of action, phase and organisation of a solution."""

    def filter_queryset(self, request, queryset, view):
        if (phase := request.GET.get("phase")) is not None and (
            phase not in Phase.values
        ):
            raise BadRequestError(
                _("Unknown phase: %(phase)s (one of %(phases)s).")
                % {"phase": phase, "phases": ", ".join(Phase.values)}
            )
        if (slug := _slug(request, "field_of_action")) is not None:
            keys = (
                FieldOfAction.objects.live().filter(slug=slug).values("translation_key")
            )
            queryset = queryset.filter(
                pk__in=SolutionPage.objects.filter(
                    fields_of_action__field_of_action__translation_key__in=keys
                ).values("pk")
            )
        if (slug := _slug(request, "organisation")) is not None:
            keys = (
                Organisation.objects.live().filter(slug=slug).values("translation_key")
            )
            queryset = queryset.filter(
                pk__in=SolutionPage.objects.filter(
                    Q(lead_organisation__translation_key__in=keys)
                    | Q(partners__organisation__translation_key__in=keys)
                ).values("pk")
            )
        return queryset


class ContactFilter(BaseFilterBackend):
    """``?organisation=<slug>``: the contacts of one organisation."""

    def filter_queryset(self, request, queryset, view):
        if (slug := _slug(request, "organisation")) is not None:
            keys = (
                Organisation.objects.live().filter(slug=slug).values("translation_key")
            )
            queryset = queryset.filter(organisation__translation_key__in=keys)
        return queryset


class PortalSearchFilter(SearchFilter):
    """Wagtail's ``?search=`` on the portal's engine: the database index while
    Elasticsearch is unreachable, as the portal search does
    (:mod:`apps.knowledge.search.engine`), instead of a server error."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError(
                _("Filtering by tag cannot be combined with a search.")
            )
        operator = request.GET.get("search_operator") or None
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(
                _("search_operator must be one of %(operators)s.")
                % {"operators": ", ".join(SEARCH_OPERATORS)}
            )
        backend, _fallback = engine.portal_backend()
        try:
            return backend.search(
                request.GET["search"],
                queryset,
                operator=operator,
                order_by_relevance="order" not in request.GET,
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(
                _("Cannot filter or order by '%(name)s' while searching.")
                % {"name": error.field_name}
            ) from error


# Serializer fields -------------------------------------------------------------


class WholeObjectField(serializers.Field):
    """A read-only field computed from the whole object."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


def _organisation(organisation: Organisation | None) -> dict | None:
    # A translation awaiting review (not live) is shown as its German version.
    organisation = public_version(organisation)
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "slug": organisation.slug,
        "country": organisation.country,
    }


class PhaseLabelField(WholeObjectField):
    def to_representation(self, page: SolutionPage) -> str:
        return str(page.get_phase_display())


class SolutionFieldsOfActionField(WholeObjectField):
    def to_representation(self, page: SolutionPage) -> list[dict]:
        return [
            {"id": field.pk, "name": field.name, "slug": field.slug}
            for field in (
                public_version(item.field_of_action)
                for item in page.fields_of_action.all()
            )
            if field is not None
        ]


class LeadOrganisationField(WholeObjectField):
    def to_representation(self, page: SolutionPage) -> dict | None:
        return _organisation(page.lead_organisation)


class PartnersField(WholeObjectField):
    def to_representation(self, page: SolutionPage) -> list[dict]:
        partners = (_organisation(item.organisation) for item in page.partners.all())
        return [partner for partner in partners if partner]


class SolutionContactsField(WholeObjectField):
    def to_representation(self, page: SolutionPage) -> list[dict]:
        contacts = (public_version(item.contact) for item in page.contacts.all())
        return [public_contact(contact) for contact in contacts if contact is not None]


class AdoptedByField(WholeObjectField):
    """Confirmed adoptions: who runs the solution too, since when, what changed."""

    def to_representation(self, page: SolutionPage) -> list[dict]:
        return [
            {
                "organisation": _organisation(adoption.organisation),
                "since": adoption.since.isoformat() if adoption.since else None,
                "changes": adoption.changes,
                "changes_language": adoption.changes_language or None,
                "municipality": adoption.municipality,
                "latitude": adoption.latitude,
                "longitude": adoption.longitude,
                "cross_border": adoption.cross_border,
            }
            for adoption in adoptions_of(page)
        ]


class DerivedFromField(WholeObjectField):
    """Confirmed: the solutions this one builds on, in its language where
    translated."""

    def to_representation(self, page: SolutionPage) -> list[dict]:
        return [
            {
                "id": base.pk,
                "title": base.title,
                "language": base.locale.language_code,
            }
            for base in solutions_derived_from(page)
        ]


class ConsentedField(WholeObjectField):
    """One attribute of a contact, empty unless the person consented to it."""

    def to_representation(self, contact: Contact) -> str:
        return public_contact(contact)[self.field_name]


class ContactOrganisationField(WholeObjectField):
    def to_representation(self, contact: Contact) -> dict | None:
        return _organisation(contact.organisation)


class TagNamesField(WholeObjectField):
    """Each tag with its canonical slug and name and its name in every language."""

    def to_representation(self, page: SolutionPage) -> list[dict]:
        return [
            {
                "slug": tag.slug,
                "name": tag.name,
                "names": {
                    translation.language: translation.name
                    for translation in tag.translations.all()
                },
            }
            for tag in sorted(page.tags.all(), key=lambda tag: tag.slug)
        ]


class LanguageCodeField(WholeObjectField):
    def to_representation(self, obj) -> str:
        return obj.locale.language_code


def check_id_parameter(request) -> None:
    """``find/?id=`` names a record by number; other text is a bad request."""
    value = request.GET.get("id")
    if value is not None and not re.fullmatch(r"[0-9]{1,18}", value):
        raise BadRequestError(_("id must be a whole number."))


# Endpoints -------------------------------------------------------------------


class SolutionsAPIViewSet(BadInputMixin, PagesAPIViewSet):
    """Live, public solutions in every language."""

    name = "solutions"
    model = SolutionPage

    def find_object(self, queryset, request):
        check_id_parameter(request)
        return super().find_object(queryset, request)

    filter_backends = [
        CheckedFieldsFilter,
        LanguageFilter,
        SolutionFilter,
        OrderingFilter,
        PortalSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["language", "field_of_action", "phase", "organisation"]
    )
    body_fields = [
        *PagesAPIViewSet.body_fields,
        "teaser",
        "phase",
        APIField("phase_label", serializer=PhaseLabelField()),
        APIField("fields_of_action", serializer=SolutionFieldsOfActionField()),
        "tags",
        APIField("tag_names", serializer=TagNamesField()),
        APIField("lead_organisation", serializer=LeadOrganisationField()),
        APIField("partners", serializer=PartnersField()),
        APIField("contacts", serializer=SolutionContactsField()),
        APIField("adopted_by", serializer=AdoptedByField()),
        APIField("derived_from", serializer=DerivedFromField()),
        "municipality",
        "latitude",
        "longitude",
        "start_date",
        "end_date",
        "budget",
        "currency",
        "licence",
        "source_repository",
        "open_data_url",
        "adoption_requirements",
        "body",
    ]
    meta_fields = [*PagesAPIViewSet.meta_fields, "last_published_at"]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "teaser",
        "phase",
        "fields_of_action",
        "lead_organisation",
    ]

    def get_base_queryset(self) -> QuerySet:
        # Wagtail lets a logged-in user see pages behind a login restriction; open
        # data publishes only what every visitor sees.
        try:
            return visible(get_public_pages_queryset(self.request))
        except ValueError as error:
            raise BadRequestError(str(error)) from error

    def get_queryset(self) -> QuerySet:
        return (
            SolutionPage.objects.filter(pk__in=self.get_base_queryset().values("pk"))
            .select_related("lead_organisation", "locale")
            .prefetch_related(
                "fields_of_action__field_of_action",
                "partners__organisation",
                "contacts__contact__organisation",
                "contacts__contact__locale",
                "tags__translations",
            )
            .order_by("path")
        )


class SnippetAPIViewSet(BadInputMixin, BaseAPIViewSet):
    """A translatable snippet; only the filters below, never arbitrary fields.

    Field filters and ordering are left out on purpose: filtering contacts by an
    e-mail address would reveal addresses the person did not agree to publish.
    """

    filter_backends = [LanguageFilter]
    extra_query_parameters: tuple[str, ...] = ()

    def find_object(self, queryset, request):
        check_id_parameter(request)
        return super().find_object(queryset, request)

    meta_fields = [
        *BaseAPIViewSet.meta_fields,
        APIField("locale", serializer=LanguageCodeField()),
    ]

    def check_query_parameters(self, queryset) -> None:
        allowed = self.known_query_parameters.union(
            LANGUAGE_PARAMETERS, self.extra_query_parameters
        )
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise BadRequestError(
                _("Unknown query parameter: %(names)s.")
                % {"names": ", ".join(sorted(unknown))}
            )

    def get_queryset(self) -> QuerySet:
        # Live only: a translation awaiting review is not published yet.
        return self.model.objects.live().select_related("locale").order_by("pk")


class OrganisationsAPIViewSet(SnippetAPIViewSet):
    """Organisations: authorities, municipalities, associations, companies."""

    name = "organisations"
    model = Organisation
    body_fields = [
        *SnippetAPIViewSet.body_fields,
        "name",
        "slug",
        "kind",
        "country",
        "description",
        "website",
    ]
    listing_default_fields = [
        *SnippetAPIViewSet.listing_default_fields,
        "name",
        "slug",
        "kind",
        "country",
        "locale",
    ]


class ContactsAPIViewSet(SnippetAPIViewSet):
    """Contact persons, showing name and details only as far as consented."""

    name = "contacts"
    model = Contact
    filter_backends = [LanguageFilter, ContactFilter]
    extra_query_parameters = ("organisation",)
    body_fields = [
        *SnippetAPIViewSet.body_fields,
        APIField("name", serializer=ConsentedField()),
        "role",
        APIField("organisation", serializer=ContactOrganisationField()),
        APIField("email", serializer=ConsentedField()),
        APIField("phone", serializer=ConsentedField()),
        "languages",
    ]
    listing_default_fields = [
        *SnippetAPIViewSet.listing_default_fields,
        "name",
        "role",
        "organisation",
        "email",
        "phone",
        "languages",
        "locale",
    ]

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("organisation")


class FieldsOfActionAPIViewSet(SnippetAPIViewSet):
    """The fields of action (Handlungsfelder), the taxonomy of the solutions."""

    name = "fields-of-action"
    model = FieldOfAction
    body_fields = [
        *SnippetAPIViewSet.body_fields,
        "name",
        "slug",
        "description",
        "cross_cutting",
        "sort_order",
    ]
    listing_default_fields = [
        *SnippetAPIViewSet.listing_default_fields,
        "name",
        "slug",
        "cross_cutting",
        "locale",
    ]

    def get_queryset(self) -> QuerySet:
        return (
            FieldOfAction.objects.live()
            .select_related("locale")
            .order_by("locale_id", "sort_order", "name")
        )


api_router = WagtailAPIRouter("knowledge_api")
for viewset in (
    SolutionsAPIViewSet,
    OrganisationsAPIViewSet,
    ContactsAPIViewSet,
    FieldsOfActionAPIViewSet,
):
    api_router.register_endpoint(viewset.name, viewset)
