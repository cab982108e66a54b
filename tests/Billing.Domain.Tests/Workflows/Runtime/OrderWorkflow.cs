using System.Text.Json;
using Billing.Workflows.Runtime;

namespace Billing.Domain.Tests.Workflows.Runtime;

/// <summary>
/// A test workflow: start → activity <c>charge</c> (command <c>{order}/1</c>) → on its completion a timer at now + the
/// reminder delay (<c>{order}/2</c>) and activity <c>email</c> (<c>{order}/3</c>) → when the timer fires, activity
/// <c>remind</c> (<c>{order}/4</c>) → completed. External event <c>cancel</c> completes it at any point; any other
/// external event is counted in the state and otherwise ignored.
/// </summary>
internal sealed class OrderWorkflow(TimeSpan reminderDelay) : IWorkflowDefinition
{
    public const string TypeName = "order";
    public const string Charge = "charge";
    public const string Email = "email";
    public const string Remind = "remind";

    public OrderWorkflow()
        : this(TimeSpan.FromDays(1))
    {
    }

    public string Type => TypeName;

    public static string Input(string order) => JsonSerializer.Serialize(new OrderInput(order));

    public static string ChargeId(string order) => order + "/1";

    public static string TimerId(string order) => order + "/2";

    public static string EmailId(string order) => order + "/3";

    public static string RemindId(string order) => order + "/4";

    public static OrderState Read(string state) => JsonSerializer.Deserialize<OrderState>(state) ?? throw new InvalidOperationException("no order state");

    public WorkflowDecision Decide(string? state, WorkflowEvent happened, DateTimeOffset now)
    {
        if (happened is WorkflowStarted started)
        {
            var input = JsonSerializer.Deserialize<OrderInput>(started.Input) ?? throw new InvalidOperationException("no order input");
            return Next(new OrderState(input.Order, "charging", 0), [new RunActivity(ChargeId(input.Order), Charge, started.Input)]);
        }

        var current = Read(state ?? throw new InvalidOperationException("an order is started first"));
        var order = current.Order;
        return happened switch
        {
            ActivityCompleted done when done.CommandId == ChargeId(order) =>
                Next(current with { Step = "charged" }, [new StartTimer(TimerId(order), now + reminderDelay), new RunActivity(EmailId(order), Email, done.Output)]),
            ActivityCompleted done when done.CommandId == EmailId(order) => Next(current with { Step = "emailed" }, []),
            TimerFired fired when fired.CommandId == TimerId(order) => Next(current with { Step = "reminding" }, [new RunActivity(RemindId(order), Remind, "{}")]),
            ActivityCompleted done when done.CommandId == RemindId(order) => Next(current with { Step = "done" }, [], completed: true),
            ExternalEvent { Name: "cancel" } => Next(current with { Step = "cancelled" }, [], completed: true),
            ExternalEvent => Next(current with { Ignored = current.Ignored + 1 }, []),
            _ => Next(current, []),
        };
    }

    private static WorkflowDecision Next(OrderState state, IReadOnlyList<WorkflowCommand> commands, bool completed = false) =>
        new(JsonSerializer.Serialize(state), commands, completed);

    private sealed record OrderInput(string Order);
}

/// <summary>The order workflow's state: which order, how far it got, and how many unknown external events it ignored.</summary>
internal sealed record OrderState(string Order, string Step, int Ignored);
