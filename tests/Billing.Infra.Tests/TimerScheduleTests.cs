using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Billing.Application.Configuration;
using Billing.Infra.Tests.Bicep;
using NCrontab;

namespace Billing.Infra.Tests;

/// <summary>
/// The timer schedules the template sets: every schedule setting of the code (<see cref="TimerSchedules.Defaults"/>),
/// each from a <c>main.bicep</c> parameter whose default is a 6-field NCrontab expression (seconds first, the form Flex
/// Consumption takes) that fires no more often than the code's default (each firing wakes an instance, billed for at
/// least a second), and <c>infra/README.md</c> names each parameter with its default.
/// </summary>
public sealed partial class TimerScheduleTests
{
    private static readonly DateTime Day = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Setting name (<c>Billing__SettlementSchedule</c>) to the main template parameter it is set from and that parameter's default.</summary>
    private static async Task<IReadOnlyDictionary<string, (string Parameter, string Default)>> TemplateSchedules()
    {
        CompiledTemplate main = await CompiledTemplate.MainAsync();
        JsonObject passed = main.ModuleParameters("function-app")["schedules"]!["value"]!.AsObject();
        JsonArray settings = main.Module("function-app")["variables"]!["scheduleSettings"]!.AsArray();
        return settings.ToDictionary(
            s => s!["name"]!.GetValue<string>(),
            s =>
            {
                string field = Reference().Match(s!["value"]!.GetValue<string>()) is { Success: true } m ? m.Groups["field"].Value : throw new InvalidOperationException($"{s}: not set from the schedules parameter");
                string parameter = MainParameter().Match(passed[field]!.GetValue<string>()).Groups["name"].Value;
                return (parameter, main.Root["parameters"]![parameter]!["defaultValue"]!.GetValue<string>());
            },
            StringComparer.Ordinal);
    }

    private static int FiringsPerDay(string expression) =>
        CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }).GetNextOccurrences(Day.AddTicks(-1), Day.AddDays(1).AddTicks(-1)).Count();

    [Fact]
    public async Task Every_schedule_setting_of_the_code_is_set_from_a_main_template_parameter()
    {
        var schedules = await TemplateSchedules();

        Assert.Equal(
            TimerSchedules.Defaults.Keys.Select(k => k.Replace(":", "__", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            schedules.Keys.Order(StringComparer.Ordinal));
        Assert.All(schedules.Values, s => Assert.NotEmpty(s.Parameter));
    }

    [Fact]
    public async Task Every_default_is_a_six_field_NCrontab_expression_firing_no_more_often_than_the_code_s_default()
    {
        var schedules = await TemplateSchedules();

        Assert.All(schedules, s =>
        {
            Assert.NotNull(CrontabSchedule.TryParse(s.Value.Default, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
            string code = TimerSchedules.Defaults[s.Key.Replace("__", ":", StringComparison.Ordinal)];
            Assert.True(FiringsPerDay(s.Value.Default) <= FiringsPerDay(code), $"{s.Value.Parameter} ({s.Value.Default}) fires more often than the code's default ({code})");
        });
        Assert.True(
            schedules.Values.Sum(s => FiringsPerDay(s.Default)) * 5 <= TimerSchedules.Defaults.Values.Sum(FiringsPerDay),
            "the production defaults fire at most a fifth as often as the code's");
    }

    [Fact]
    public async Task The_infra_README_names_each_schedule_parameter_with_its_default()
    {
        string readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Infra, "README.md"));

        Assert.All((await TemplateSchedules()).Values, s => Assert.Contains($"| `{s.Parameter}` | `{s.Default}` |", readme, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\[parameters\('schedules'\)\.(?<field>\w+)\]$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\[parameters\('(?<name>\w+)'\)\]$")]
    private static partial Regex MainParameter();
}
