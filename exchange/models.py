from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from solutions.models.vocab import language_codes, language_names

DEFAULT_DEADLINE_DAYS = 60


def default_deadline():
    return timezone.localdate() + timedelta(days=DEFAULT_DEADLINE_DAYS)


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    IN_DIALOGUE = "in-dialogue", _("In dialogue")
    FULFILLED = "fulfilled", _("Fulfilled")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


ACTIVE = (RequestStatus.OPEN, RequestStatus.IN_DIALOGUE)
# Who may find a request: open ones, and fulfilled ones as knowledge in their own right.
FINDABLE = (*ACTIVE, RequestStatus.FULFILLED)


class LanguagesField(models.CharField):
    """Language codes stored as ",en,pt," so "works in Portuguese" is a plain LIKE."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)


class KnowledgeRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="knowledge_requests"
    )
    title = models.CharField(_("what do you need to know?"), max_length=200)
    challenge = models.TextField(_("the challenge"), max_length=6000)
    tried = models.TextField(_("what has been tried"), max_length=4000, blank=True)
    learn = models.TextField(_("what you want to learn"), max_length=4000)
    countries = models.ManyToManyField("solutions.Country", blank=True, related_name="+", verbose_name=_("countries"))
    regions = models.ManyToManyField("solutions.Region", blank=True, related_name="+", verbose_name=_("regions"))
    themes = models.ManyToManyField("solutions.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    sdgs = models.ManyToManyField("solutions.SDG", blank=True, related_name="+", verbose_name=_("SDGs"))
    modalities = models.ManyToManyField(
        "solutions.Modality", blank=True, related_name="+", verbose_name=_("preferred modalities")
    )
    languages = LanguagesField(_("languages"))
    deadline = models.DateField(_("deadline"), default=default_deadline)
    endorsed_by = models.CharField(
        _("endorsing institution"),
        max_length=200,
        blank=True,
        help_text=_("If an institution endorses this request, its name."),
    )
    status = models.CharField(max_length=12, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    is_held = models.BooleanField(_("waiting for a moderator"), default=False)
    is_hidden = models.BooleanField(_("hidden by moderators"), default=False)
    reply = models.TextField(_("consolidated reply"), max_length=20000, blank=True)
    reply_html = models.TextField(blank=True, editable=False)
    reply_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    matched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-created_at"]
        verbose_name = _("knowledge request")
        verbose_name_plural = _("knowledge requests")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def locked(cls, pk: int) -> KnowledgeRequest:
        """The request's row, locked until the transaction ends: changes to one request that
        check before they write (offers, matching, accepting) take turns on it."""
        return cls.objects.select_for_update().get(pk=pk)

    def get_absolute_url(self) -> str:
        return reverse("request_detail", args=[self.pk, slugify(self.title)[:60] or "request"])

    @property
    def language_codes(self) -> list[str]:
        return language_codes(self.languages)

    def language_names(self) -> list[str]:
        return language_names(self.language_codes)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_findable(self) -> bool:
        return self.status in FINDABLE and not self.is_held and not self.is_hidden

    @property
    def is_withheld(self) -> bool:
        """Held for review or hidden by moderators: seen by the requester and moderators only."""
        return self.is_held or self.is_hidden

    @property
    def days_left(self) -> int:
        return (self.deadline - timezone.localdate()).days

    @property
    def text(self) -> str:
        return "\n".join([self.title, self.challenge, self.tried, self.learn])


class RequestEvent(models.Model):
    """The request's history, shown on it: every change of status, who made it and why."""

    request = models.ForeignKey(KnowledgeRequest, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=RequestStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.status}"


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Offer(models.Model):
    """Help a member offers: in answer to one request, or standing (no request) for anyone whose
    need matches it."""

    request = models.ForeignKey(
        KnowledgeRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="offers"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers")
    summary = models.TextField(_("what you can share"), max_length=4000)
    modality = models.ForeignKey(
        "solutions.Modality", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("modality")
    )
    availability = models.CharField(
        _("availability"), max_length=200, blank=True, help_text=_("For example: two days in March, remotely.")
    )
    themes = models.ManyToManyField("solutions.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    languages = LanguagesField(_("languages"))
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")

    def __str__(self) -> str:
        return self.summary[:60]

    @property
    def language_codes(self) -> list[str]:
        return language_codes(self.languages)


class Exchange(models.Model):
    """What an accepted offer starts: who shares with whom, how and when."""

    request = models.ForeignKey(KnowledgeRequest, on_delete=models.CASCADE, related_name="exchanges")
    offer = models.OneToOneField(Offer, on_delete=models.CASCADE, related_name="exchange")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    provider = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    modality = models.ForeignKey("solutions.Modality", null=True, blank=True, on_delete=models.SET_NULL)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("knowledge exchange")
        verbose_name_plural = _("knowledge exchanges")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.offer_id}"


class MatchKind(models.TextChoices):
    SOLUTION = "solution", _("Solution")
    MEMBER = "member", _("Member")
    OFFER = "offer", _("Offer")


class Match(models.Model):
    """One thing the platform found for a request, with the reasons it matched."""

    request = models.ForeignKey(KnowledgeRequest, on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(max_length=10, choices=MatchKind.choices)
    solution = models.ForeignKey("solutions.SolutionPage", null=True, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey("community.Profile", null=True, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, null=True, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    # [["theme", "social-protection"], ["sdg", "1"], ["language", "pt"], ["words", ""]]: labelled
    # in the reader's language when shown.
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["kind", "rank"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} #{self.rank}"


class MatchNotice(models.Model):
    """A matched member was told about a request once, however often matching runs again."""

    request = models.ForeignKey(KnowledgeRequest, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="one_match_notice")]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.user_id}"


class RequestAlerts(models.Model):
    """A member's opt-in to hear about requests that match their expertise."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="request_alerts")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user_id)
