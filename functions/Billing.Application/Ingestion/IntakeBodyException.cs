namespace Billing.Application.Ingestion;

/// <summary>A fault of a whole request body: answered with problem details naming <see cref="Field"/>, nothing stored.</summary>
public sealed class IntakeBodyException(string field, string problem, int status = 400) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;

    public int Status { get; } = status;
}
