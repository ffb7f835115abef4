"""URLs: the admin outside the language prefix, the portal under /de/, /da/, /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from apps.knowledge.admin import page_chooser
from apps.knowledge.open_data import feeds
from apps.knowledge.open_data import views as open_data_views
from apps.knowledge.portal import compare as compare_views
from apps.knowledge.portal import map as place_maps
from apps.knowledge.search import views as search_views
from apps.workflow.feedback import views as feedback_views
from apps.workflow.notifications import follow_views
from cms import converters  # noqa: F401 (registers the <id:...> path converter)

# The page chooser without other authorities' unpublished titles
# (apps.knowledge.admin.page_chooser), at Wagtail's own addresses: matched first.
page_chooser_urls = [
    path("", page_chooser.BrowseView.as_view(), name="wagtailadmin_choose_page"),
    path(
        "<int:parent_page_id>/",
        page_chooser.BrowseView.as_view(),
        name="wagtailadmin_choose_page_child",
    ),
    path(
        "search/",
        page_chooser.SearchView.as_view(),
        name="wagtailadmin_choose_page_search",
    ),
    path(
        "chosen-multiple/",
        page_chooser.ChosenMultipleView.as_view(),
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
]

urlpatterns = [
    path(
        "admin/choose-page/",
        include(decorate_urlpatterns(page_chooser_urls, require_admin_access)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Open data, outside the language prefix: the language is part of the dataset.
    path("", include("apps.knowledge.open_data.urls")),
    path("api/search/", include("apps.knowledge.search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("compare/", compare_views.compare, name="compare"),
    path("search/places/", search_views.places, name="search_places"),
    path("search/places/json/", search_views.places_json, name="search_places_json"),
    path("places/<int:page_id>/", place_maps.list_places, name="list_places"),
    path(
        "places/<int:page_id>/json/",
        place_maps.list_places_json,
        name="list_places_json",
    ),
    path("open-data/", open_data_views.open_data_page, name="open_data"),
    path("feeds/rss/", feeds.SolutionsFeed(), name="solutions_rss"),
    path("feeds/atom/", feeds.SolutionsAtomFeed(), name="solutions_atom"),
    path("feeds/<slug:field>/rss/", feeds.SolutionsFeed(), name="field_rss"),
    path("feeds/<slug:field>/atom/", feeds.SolutionsAtomFeed(), name="field_atom"),
    path("partner/", include("apps.workflow.partners.urls")),
    path("feedback/", feedback_views.feedback, name="feedback"),
    path("following/", follow_views.following, name="following"),
    path("follow/<str:kind>/<id:pk>/", follow_views.toggle_follow, name="follow"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "apps.knowledge.portal.views.page_not_found"
# A database outage answers 503 with Retry-After; other errors the portal's 500.
handler500 = "cms.errors.server_error"
