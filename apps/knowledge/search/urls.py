"""URLs of the JSON search API, outside the language prefix (``lang`` parameter)."""

from django.urls import path

from apps.knowledge.search import api

urlpatterns = [
    path("", api.search, name="search_api"),
    path("suggest/", api.suggest, name="search_api_suggest"),
    path("openapi.json", api.openapi, name="search_api_openapi"),
]
