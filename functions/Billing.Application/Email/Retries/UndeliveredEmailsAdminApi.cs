using Billing.Application.Http;

namespace Billing.Application.Email.Retries;

/// <summary>
/// Operators' view of emails the provider did not take: <c>GET /api/manage/emails/failed?status=pending|sent</c> lists
/// them (every one that ever failed, by kind and message id; <c>pending</c> ones are still to be sent), paged like every
/// admin list (<see cref="Paging"/>), as <c>{"items": [{messageId, kind, to, subject, status, attempts, firstFailedAt,
/// lastAttemptAt, nextAttemptAt, lastError, permanent, sentAt}], "continuationToken"}</c>; <c>POST /api/manage/emails/failed/retry</c> retries every pending one now (after fixing a
/// cause, such as the provider's key or sender identity) and answers <c>{sent, failed}</c>.
/// </summary>
public static class UndeliveredEmailsAdminApi
{
    private const string List = "emails";

    public static async Task<IResult> ListAsync(HttpRequest request, UndeliveredEmailStore undelivered, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(undelivered);
        var (paging, position, problem) = Paging.ReadFor(request, List);
        if (problem is not null)
        {
            return problem;
        }

        var status = request.Query["status"].ToString();
        if (status is not ("" or "pending" or "sent"))
        {
            return Problems.Field("status", "pending or sent");
        }

        UndeliveredEmailStatus? wanted = status switch
        {
            "pending" => UndeliveredEmailStatus.Pending,
            "sent" => UndeliveredEmailStatus.Sent,
            _ => null,
        };
        var (page, next) = await Paging.NonEmptyPageAsync(at => undelivered.PageAsync(wanted, at, paging!.Limit, ct), position);
        return Results.Json(new { items = page.Select(View), continuationToken = PageToken.Encode(List, next) });
    }

    public static async Task<IResult> RetryAsync(EmailRetrier retrier, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(retrier);
        var (sent, failed) = await retrier.RetryAsync(dueOnly: false, ct);
        return Results.Json(new { sent, failed });
    }

    /// <summary>The JSON shape of one undelivered email (status in lower case).</summary>
    public static object View(UndeliveredEmail email) => new
    {
        messageId = email.MessageId,
        kind = email.Kind,
        to = email.To,
        subject = email.Subject,
        status = email.Status == UndeliveredEmailStatus.Sent ? "sent" : "pending",
        attempts = email.Attempts,
        firstFailedAt = email.FirstFailedAt,
        lastAttemptAt = email.LastAttemptAt,
        nextAttemptAt = email.Status == UndeliveredEmailStatus.Sent ? (DateTimeOffset?)null : email.NextAttemptAt,
        lastError = email.LastError,
        permanent = email.Permanent,
        sentAt = email.SentAt,
    };
}
