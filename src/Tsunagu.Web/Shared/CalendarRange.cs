using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Tsunagu.Web.Shared;

/// <summary>
/// The dates Tsunagu accepts from a person: 1900-01-01 to 2100-12-31. Outside them nothing the platform keeps makes
/// sense (a news item dated 0202, a booking in 9999), and arithmetic near the calendar's ends (the next week of
/// 9999-12-31, Japan time to UTC on 0001-01-01) throws. Birth years of the oldest citizens and the founding of the
/// oldest groups are well inside.
/// </summary>
public static class CalendarRange
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2100, 12, 31);

    public static bool Contains(DateOnly day) => day >= First && day <= Last;
}

/// <summary>
/// Binds every date, date-time and offset date-time of a form or query as ASP.NET does, then refuses one outside
/// <see cref="CalendarRange"/> as if it could not be read: the value stays unset (a nullable filter falls back to its
/// default, e.g. this week) and the field gets a message in the page's language.
/// </summary>
public sealed class CalendarRangeBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type != typeof(DateOnly) && type != typeof(DateTime) && type != typeof(DateTimeOffset)) return null;
        if (context.BindingInfo.BindingSource is { } source && (source.CanAcceptDataFrom(BindingSource.Body) || source.CanAcceptDataFrom(BindingSource.Services))) return null;
        var loggers = context.Services.GetRequiredService<ILoggerFactory>();
        // The binders ASP.NET would have chosen (DateTimeModelBinderProvider's styles for DateTime), with the range after them.
        IModelBinder inner = type == typeof(DateTime)
            ? new DateTimeModelBinder(System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AllowWhiteSpaces, loggers)
            : new SimpleTypeModelBinder(context.Metadata.ModelType, loggers);
        return new Binder(inner);
    }

    private sealed class Binder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            await inner.BindModelAsync(context);
            if (!context.Result.IsModelSet) return;
            var day = context.Result.Model switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                DateTimeOffset o => DateOnly.FromDateTime(o.DateTime),
                _ => (DateOnly?)null,
            };
            if (day is not { } value || CalendarRange.Contains(value)) return;
            var text = context.HttpContext.RequestServices.GetRequiredService<Localization.Text>();
            var name = context.ModelMetadata.DisplayName ?? context.ModelMetadata.Name ?? "";
            context.ModelState.TryAddModelError(context.ModelName,
                text["{0}は{1}年から{2}年までの日付で入力してください。", text[name], CalendarRange.First.Year, CalendarRange.Last.Year]);
            context.Result = ModelBindingResult.Failed();
        }
    }
}
