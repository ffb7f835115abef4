"""factory_boy factories every test package uses: users with their roles.

A role is a Trait: ``UserFactory(editor=True, area_role=FLENSBURG)``,
``UserFactory(translator=True)``. Users read the admin in English unless a test
says otherwise (``admin_language=""`` keeps Wagtail's default).
"""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.users.models import UserProfile

from apps.knowledge.roles import (
    DIGITALAGENTUR_GROUP,
    TRANSLATORS_GROUP,
    translation_reviewers_group_name,
)

PASSWORD = "demo"


class UserProfileFactory(DjangoModelFactory):
    """The admin profile of ``user``: the language the admin speaks to them."""

    class Meta:
        model = UserProfile

    user = factory.SubFactory("tests.factories.UserFactory")
    preferred_language = "en"

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> UserProfile:
        # Wagtail makes the profile on first use; update it rather than add a second.
        profile = UserProfile.get_for_user(kwargs.pop("user"))
        for name, value in kwargs.items():
            setattr(profile, name, value)
        profile.save()
        return profile


class UserFactory(DjangoModelFactory):
    """An active user with an e-mail address, in ``group_names``; the Traits give
    the editorial roles (each reads the admin in English, so tests can read it)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        #: The AreaRole whose editor or moderator the user is.
        area_role = None
        #: Told apart from a second user in the same role, e.g. "2".
        suffix = ""
        #: The language a translation reviewer reviews.
        language = "da"
        editor = factory.Trait(
            username=factory.LazyAttribute(
                lambda o: f"{o.area_role.user_prefix}-editor"
            ),
            group_names=factory.LazyAttribute(lambda o: [o.area_role.editors]),
            admin_language="en",
        )
        moderator = factory.Trait(
            username=factory.LazyAttribute(
                lambda o: f"{o.area_role.user_prefix}-moderator{o.suffix}"
            ),
            group_names=factory.LazyAttribute(lambda o: [o.area_role.moderators]),
            admin_language="en",
        )
        digitalagentur = factory.Trait(
            username=factory.LazyAttribute(lambda o: f"digitalagentur{o.suffix}"),
            group_names=[DIGITALAGENTUR_GROUP],
            admin_language="en",
        )
        translator = factory.Trait(
            username="translator",
            group_names=[TRANSLATORS_GROUP],
            admin_language="en",
        )
        reviewer = factory.Trait(
            username=factory.LazyAttribute(lambda o: f"reviewer-{o.language}"),
            group_names=factory.LazyAttribute(
                lambda o: [translation_reviewers_group_name(o.language)]
            ),
            admin_language="en",
        )

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)
    #: Names of the groups the user is in (the groups exist: setup_roles()).
    group_names: Any = ()
    #: The admin's language for the user; "" leaves the profile alone.
    admin_language = ""

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        group_names = kwargs.pop("group_names")
        admin_language = kwargs.pop("admin_language")
        user = super()._create(model_class, *args, **kwargs)
        if group_names:
            user.groups.add(*(Group.objects.get(name=name) for name in group_names))
        if admin_language:
            UserProfileFactory(user=user, preferred_language=admin_language)
        return user

    @factory.post_generation
    def groups(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.add(*extracted)

    @classmethod
    def one_per_group(cls) -> list:
        """One user in each group, so every workflow task finds a reviewer."""
        return [
            cls(username=f"moderator{number}", group_names=[group.name])
            for number, group in enumerate(Group.objects.order_by("name"))
        ]
