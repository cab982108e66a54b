using System.Reflection;
using System.Text.Json.Nodes;
using Billing.Infra.Tests.Bicep;
using NCrontab;

namespace Billing.Infra.Tests;

/// <summary>
/// The timer schedules the template sets: each a 6-field NCrontab expression (seconds first, the form Flex Consumption
/// takes), and, where the application has its table of schedule defaults, the same as the code's default.
/// </summary>
public sealed class TimerScheduleTests
{
    private static async Task<IReadOnlyDictionary<string, string>> TemplateSchedules()
    {
        JsonArray settings = (await CompiledTemplate.MainAsync()).Module("function-app")["variables"]!["scheduleSettings"]!.AsArray();
        return settings.ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    [Fact]
    public async Task Every_schedule_is_a_six_field_NCrontab_expression()
    {
        IReadOnlyDictionary<string, string> schedules = await TemplateSchedules();

        Assert.NotEmpty(schedules);
        Assert.All(schedules, s =>
        {
            Assert.Matches("^Billing__[A-Za-z]+Schedule$", s.Key);
            Assert.NotNull(CrontabSchedule.TryParse(s.Value, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        });
    }

    [Fact]
    public async Task Schedules_equal_the_code_defaults()
    {
        IReadOnlyDictionary<string, string> schedules = await TemplateSchedules();
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);

        // The application's table of timer defaults (Configuration.TimerSchedules.Defaults, setting name -> expression), when it has one.
        if (typeof(Billing.Application.Configuration.BillingOptions).Assembly.GetType("Billing.Application.Configuration.TimerSchedules")
                ?.GetField("Defaults", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is IReadOnlyDictionary<string, string> table)
        {
            foreach (var (setting, expression) in table)
            {
                defaults[setting.Replace(":", "__", StringComparison.Ordinal)] = expression;
            }

            Assert.Equal(defaults.Keys.Order(StringComparer.Ordinal), schedules.Keys.Order(StringComparer.Ordinal));
        }

        // The schedules BillingOptions still carries as string properties.
        var options = new Billing.Application.Configuration.BillingOptions();
        foreach (PropertyInfo property in typeof(Billing.Application.Configuration.BillingOptions).GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Schedule", StringComparison.Ordinal)))
        {
            defaults[$"Billing__{property.Name}"] = (string)property.GetValue(options)!;
        }

        Assert.All(defaults, d => Assert.Equal(d.Value, schedules.GetValueOrDefault(d.Key)));
    }
}
