namespace Tsunagu.Web.Features.News;

/// <summary>
/// Muroran's eight forms of collaboration (協働の形態), from the most citizen-led to the most city-led.
/// </summary>
public enum CollaborationForm
{
    Subsidy,
    Endorsement,
    CoHosting,
    ProjectCooperation,
    InformationExchange,
    ExecutiveCommittee,
    Commission,
    PolicyParticipation,
}

public static class CollaborationForms
{
    public static IReadOnlyList<CollaborationForm> All { get; } = Enum.GetValues<CollaborationForm>();

    public static string Japanese(CollaborationForm form) => form switch
    {
        CollaborationForm.Subsidy => "補助",
        CollaborationForm.Endorsement => "後援",
        CollaborationForm.CoHosting => "共催",
        CollaborationForm.ProjectCooperation => "事業協力・協定",
        CollaborationForm.InformationExchange => "情報提供・情報交換",
        CollaborationForm.ExecutiveCommittee => "実行委員会・協議会",
        CollaborationForm.Commission => "委託",
        _ => "企画立案・計画策定への参画",
    };

    public static string English(CollaborationForm form) => form switch
    {
        CollaborationForm.Subsidy => "Subsidy",
        CollaborationForm.Endorsement => "Endorsement",
        CollaborationForm.CoHosting => "Co-hosting",
        CollaborationForm.ProjectCooperation => "Project cooperation and agreements",
        CollaborationForm.InformationExchange => "Information sharing and exchange",
        CollaborationForm.ExecutiveCommittee => "Executive committees and councils",
        CollaborationForm.Commission => "Commissioning",
        _ => "Taking part in planning and policy-making",
    };

    public static string Name(CollaborationForm form, bool english) => english ? English(form) : Japanese(form);

    public static string Kind(CaseKind kind) => kind == CaseKind.Activity ? "活動事例" : "協働事例";
}
