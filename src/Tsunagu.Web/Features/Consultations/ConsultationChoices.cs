using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>The drop-downs of the consultation forms, in the person's language.</summary>
public static class ConsultationChoices
{
    public static List<SelectListItem> Topics(Text t) => With(t, Enum.GetValues<ConsultationTopic>().Select(v => (v.ToString(), ConsultationTexts.Topic(v))));
    public static List<SelectListItem> Preferred(Text t) => With(t, Enum.GetValues<PreferredContact>().Select(v => (v.ToString(), ConsultationTexts.Preferred(v))));
    public static List<SelectListItem> Channels(Text t) => With(t, Enum.GetValues<ConsultationChannel>().Select(v => (v.ToString(), ConsultationTexts.Channel(v))));
    public static List<SelectListItem> Statuses(Text t) => Enum.GetValues<ConsultationStatus>().Select(v => new SelectListItem(t[ConsultationTexts.Status(v)], v.ToString())).ToList();

    private static List<SelectListItem> With(Text t, IEnumerable<(string Value, string Japanese)> items)
    {
        List<SelectListItem> list = [new SelectListItem(t["選んでください"], "")];
        list.AddRange(items.Select(i => new SelectListItem(t[i.Japanese], i.Value)));
        return list;
    }
}
