namespace Billing.Functions.OpenApi;

/// <summary>One status an operation answers, with its content type and shape (none for 204/304).</summary>
public sealed record ApiAnswer(int Status, string Description, string? ContentType, ApiShape? Shape)
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    public static ApiAnswer Ok<T>(string description, int status = 200) => new(status, description, Json, ApiShape.Of<T>());

    public static ApiAnswer OkList<T>(string description) => new(200, description, Json, ApiShape.ListOf<T>());

    public static ApiAnswer OkFree(string description, string note, bool list = false) => new(200, description, Json, ApiShape.Free(note, list));

    public static ApiAnswer OkFile(string description, string contentType) => new(200, description, contentType, ApiShape.File);

    public static ApiAnswer Problem(int status, string description) => new(status, description, ProblemJson, ApiShape.Of<Contracts.ProblemDocument>());

    public static ApiAnswer Empty(int status, string description) => new(status, description, null, null);
}
