using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Lectures;

public sealed class LecturesRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<LectureService>();
        feature.Services.AddScoped<Plans.IIndicatorSource, LecturesGivenSource>();
        feature
            .StaffMenu(new(MenuSections.Centre, "出前講座の管理", "出前講座の一覧を管理し、申し込みに日程を決めて答え、実施を記録します。", "admin/lectures", Policies.CentreStaff)
            {
                Order = 150,
                Waiting = (services, ct) => services.GetRequiredService<TsunaguDb>().Set<LectureRequest>().CountAsync(r => r.Status == LectureRequestStatus.Received, ct),
                WaitingPath = "admin/lectures#requests",
            })
            .CityHome(new("出前講座", "市の職員やセンターが地域に出向いて話す講座を、希望の日時で申し込めます。", "lectures") { Order = 70 })
            .MyPage(new(MenuSections.GroupsAndCentre, "出前講座の依頼", "依頼した出前講座の日程と状況。", "lectures/requests") { Order = 150 })
            .DemoData<DemoLectures>()
            .PersonalData<LecturesPersonalData>();
    }
}
