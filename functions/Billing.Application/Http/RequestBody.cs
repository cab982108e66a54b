namespace Billing.Application.Http;

/// <summary>
/// Reads a JSON request body within a size limit: 415 unless the content type is <c>application/json</c>,
/// 413 when the body is larger than the limit (read no further than one byte past it). <see cref="ReadDocumentAsync"/>
/// also refuses (400 naming the field) a body that holds text that is not valid Unicode or a property named twice in one
/// object (<see cref="JsonTextCheck"/>), for routes that take one document; a batch whose items are refused one by one
/// reads with <see cref="ReadJsonAsync"/>.
/// </summary>
public static class RequestBody
{
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadDocumentAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var (body, refusal) = await ReadJsonAsync(request, maxBytes, ct);
        return body is not null && JsonTextCheck.FirstProblem(body) is { } problem
            ? (null, Problems.Field(problem.Path, problem.Problem))
            : (body, refusal);
    }

    public static async Task<(byte[]? Body, IResult? Refusal)> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(title: "Unsupported media type", detail: "content type must be application/json", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
        }

        return (buffer.ToArray(), null);
    }

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(title: "Payload too large", detail: $"the body is larger than {maxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
}
