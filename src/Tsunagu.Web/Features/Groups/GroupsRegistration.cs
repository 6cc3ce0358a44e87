using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Groups;

public sealed class GroupsRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<GroupService>();
        feature.Services.AddScoped<GroupAdministratorInvitations>();
        feature.Services.AddScoped<GroupDirectory>();
        feature.Services.AddScoped<Transfer.GroupImporter>();
        feature.Services.AddScoped<Renewal.RenewalService>();
        feature.Services.AddScoped<IIndicatorSource, RegisteredGroupsSource>();
        feature
            .Job<Renewal.RenewalEnforcement>()
            .StaffMenu(new(MenuSections.Centre, "団体の登録申請", "申請を確認し、承認・修正のお願い・登録しないを判断します。", "admin/groups", Policies.CentreStaff)
            {
                Order = 110,
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Groups.CountAsync(g => g.Status == GroupStatus.Submitted, ct),
                WaitingPath = "admin/groups?status=Submitted",
            })
            .CityHome(new("団体をさがす", "市民活動団体を、キーワードや活動分野、地区からさがせます。", "groups") { Order = 10 })
            .CityHome(new("団体の登録を申請する", "市民活動団体として登録し、団体一覧に掲載します。", "groups/register") { Order = 20 })
            .MyPage(new(MenuSections.GroupsAndCentre, "あなたの団体", "登録の申請、団体ページの編集、年次更新、ニーズとシーズ。", "groups/mine") { Order = 110 })
            .MyPage(new(MenuSections.GroupsAndCentre, "団体の管理者への招待", "届いた招待を確かめ、承諾または辞退します。", "groups/invitations")
            {
                Order = 111,
                Waiting = (services, userId, ct) => services.GetRequiredService<GroupAdministratorInvitations>().CountWaitingForPersonAsync(userId, ct),
            })
            .DemoData<DemoGroups>()
            .PersonalData<GroupsPersonalData>()
            .PersonalData<GroupInvitationsPersonalData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGroupsApi();
        app.MapGroupLogos();
    }
}
