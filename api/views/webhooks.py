"""A course leader's (or an admin's) webhook subscriptions for the course, and what was delivered."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from api.serializers.webhooks import DeliverySerializer, SubscriptionSerializer, SubscriptionWriteSerializer
from api.views.base import CourseAPIView
from teams import permissions as perm
from webhooks import services
from webhooks.models import Attempt, Delivery, Subscription


class SubscriptionAPIView(CourseAPIView):
    """Only those who may change the course (its leader, admins) see and keep its subscriptions."""

    read_permission = perm.CHANGE
    write_permission = perm.CHANGE

    def subscription(self) -> Subscription:
        return get_object_or_404(Subscription, pk=self.kwargs["pk"], course=self.course)


class SubscriptionList(SubscriptionAPIView, generics.ListCreateAPIView):
    """Subscribe a URL to events of this course; each delivery is signed (Standard Webhooks) with the secret."""

    serializer_class = SubscriptionSerializer

    def get_queryset(self):
        if self.schema_only:
            return Subscription.objects.none()
        return Subscription.objects.filter(course=self.course)

    @extend_schema(request=SubscriptionWriteSerializer, responses={201: SubscriptionSerializer})
    def post(self, request, *args, **kwargs):
        data = SubscriptionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("active")
        subscription = services.subscription_create(actor=request.user, course=self.course, **values)
        return Response(SubscriptionSerializer(subscription).data, status=status.HTTP_201_CREATED)


class SubscriptionDetail(SubscriptionAPIView):
    serializer_class = SubscriptionSerializer

    def get(self, request, *args, **kwargs):
        return Response(SubscriptionSerializer(self.subscription()).data)

    @extend_schema(request=SubscriptionWriteSerializer, responses=SubscriptionSerializer)
    def put(self, request, *args, **kwargs):
        subscription = self.subscription()
        data = SubscriptionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = services.subscription_update(
            actor=request.user, subscription=subscription, **data.validated_data
        )
        return Response(SubscriptionSerializer(subscription).data)

    @extend_schema(responses={204: None})
    def delete(self, request, *args, **kwargs):
        services.subscription_delete(actor=request.user, subscription=self.subscription())
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeliveryList(SubscriptionAPIView, generics.ListAPIView):
    """The deliveries to one subscription, each with its attempts and the receiver's answers."""

    serializer_class = DeliverySerializer

    def get_queryset(self):
        if self.schema_only:
            return Delivery.objects.none()
        return (
            Delivery.objects.filter(subscription=self.subscription())
            .select_related("event")
            .prefetch_related(Prefetch("attempt_log", queryset=Attempt.objects.order_by("attempted_at", "id")))
        )
