import type { ErrorReasonWords } from '../../../shared/api/error-reasons';

/**
 * Words for the codes services return instead of sentences: tier reasons (a kind plus its numbers)
 * and error reasons (`detail.reason`). Kept apart from the feature sections because every feature
 * shows them.
 */
export const tierReasonsZh = {
  item_positive: '{{instrument}} 第{{item}}题阳性（{{meaning}}）',
  item_at_least: '{{instrument}} 第{{item}}题 {{value}} 分 ≥ {{min}}',
  item_blank: '{{instrument}} 第{{item}}题未作答',
  total_at_least: '{{instrument}} 总分 {{total}} ≥ {{min}}',
  total_at_least_incomplete: '{{instrument}} 总分至少 {{total}} ≥ {{min}}（作答不完整）',
  total_band: '{{instrument}} 总分 {{total}}（{{min}}–{{max}}）',
  total_band_incomplete: '{{instrument}} 总分至少 {{total}}（{{min}}–{{max}}，作答不完整）',
  withLabel: '{{reason}}，{{label}}',
  invalid: '{{reason}}（问卷无效）',
  separator: '；',
};

/** Why a request was refused (`detail.reason`, shared/api/error-reasons.ts), with its params. */
export const errorReasonsZh = {
  scope: { own_class_only: '班主任只能查看本班的学生和报告。' },
  users: {
    username_taken: '用户名 {{username}} 已存在。',
    classes_required: '班主任账号需要指定所负责的班级。',
    self_deactivate: '不能停用自己的账号。',
    self_role: '不能更改自己的角色。',
    last_admin: '至少需要保留一名在用的系统管理员。',
    not_found: '未找到该用户。',
  },
  cases: {
    not_open: '该个案已解除或结案。',
    held_on_future: '随访日期不能晚于今天。',
    next_on_past: '下次随访日期不能早于今天。',
    safety_check_incomplete: '当日安全评估须已与本人面谈（或通话）并完成风险评估。',
    close_referral_unattended:
      '{{referredOn}} 的转介尚未到位：请先记录到位或转介结果（如未就诊），或以“转出”结案。',
    close_urgent_open: '还有当日安全评估或需当面确认未完成，不能以此原因结案。',
    close_no_contact: '尚无面谈、随访或安全评估记录，不能以“康复”结案。',
    close_not_referred: '没有已到位的转介，不能以“转诊”结案。',
    close_delivery_unknown: '尚未登记分娩日期，不能以“产后42天到期”结案。',
    close_still_pregnant: '目前孕{{weeks}}+{{days}}周，尚未分娩，不能以“产后42天到期”结案。',
    close_postpartum_early: '目前产后{{days}}天，未满42天，不能以“产后42天到期”结案。',
    colour_reason_required: '改为建议以外的颜色（或无建议时评估颜色）须填写理由。',
    icd10_with_excluded: '结论为“排除”时不填 ICD-10 编码。',
    referral_conclusion_required: '已到位的转介须先记录专科结论（确诊 / 排除 / 待定），再记录治疗与结果。',
    event_date_future: '记录日期（{{date}}）不能晚于今天。',
    event_date_before_opened: '记录日期（{{date}}）不能早于个案开始日期（{{openedOn}}）。',
    unknown_cases: '未找到个案 {{caseIds}}，未做任何指派。',
    assign_out_of_scope: '个案 {{caseIds}} 不在您可查看的范围内，未做任何指派。',
    assign_not_open: '个案 {{caseIds}} 已解除或结案，未做任何指派。',
    responsible_not_eligible: '{{user}} 不能担任责任人：只能指定在用的管理员或心理教师。',
    not_lifted: '只有已解除预警的个案可以重新开放。',
    other_open: '此人已有一个跟进中的个案，请在该个案中继续跟进。',
  },
  kiosk: {
    wrong_pin: 'PIN 不正确。',
    pin_locked: 'PIN 错误次数过多，请管理员在此输入账号和密码解除。',
    busy: '尝试过于频繁，请稍候再试。',
    admin_only: '只有管理员的账号和密码可以解除考试模式的锁定。',
    locked_mode: '考试模式中不能进行此操作，请由施测老师输入 PIN 退出。',
  },
  campaigns: {
    closed: '该测评计划已结束。',
    not_participant: '此人不在本次测评名单中。',
    ends_before_start: '结束日期不能早于开始日期。',
    instrument_disabled: '{{instrument}} 已停用，不能用于新的测评计划。',
    instrument_not_for_programme:
      '{{instrument}} 不适用于本测评计划的对象（例如学校的家长报告量表不用于孕产妇），不能选用。',
  },
  screening: {
    already_done: '已完成本次测评。',
    already_submitted: '这份问卷已提交，不能再修改。',
    unanswered: '还有题目未作答（量表与未答题数：{{items}}）。',
  },
  exports: {
    variant_forbidden: '您的角色不能导出此版本的名册。',
    job_not_found: '找不到该导出任务，可能已取消或过期。',
    job_not_done: '导出尚未完成。',
    no_folder: '找不到目录：{{folder}}',
    out_of_memory: '导出的数据太多，超出了允许的内存：请缩小导出范围（按学校、年级或日期）后重试。',
  },
  auth: { idle_locked: '因长时间未操作，已自动锁定，请重新登录。' },
  station: {
    request_gone: '这条登录请求已处理或已过期。',
    already_running: '测评站已在运行，请先停止。',
    choose_address: '请选择本机的网络地址（或 127.0.0.1）。',
    port_in_use: '端口 {{port}} 已被占用，请换一个端口。',
    not_running: '测评站未在运行。',
  },
  files: { unreadable: '找不到或无法读取文件：{{path}}' },
  backup: { no_folder: '请先选择备份文件夹。' },
  people: {
    student_no_taken: '学籍号 {{studentNo}} 已属于系统中的另一名学生。',
    delivery_after_today: '分娩日期不能晚于今天。',
    delivery_before_pregnancy: '分娩日期不能早于末次月经（{{start}}）。',
    unknown_field: '无法识别的列名：{{field}}。',
    number_taken: '该{{columns}}已属于系统中的另一人。',
  },
  jobs: { cancelled: '已取消。' },
  hub_report: { pdf_unavailable: '本机未安装 LibreOffice，无法生成 PDF；请下载 Excel 报表后打印。' },
  hub: {
    invalid_invite: '这不是区县平台的邀请文件，或文件已损坏。',
    programme_mismatch: '这份邀请文件是给另一类机构的（学校或孕产期保健），与本机构的类型不符。',
    other_hub: '本机构已加入区县平台「{{hubName}}」；加入另一个平台需先确认替换。',
    not_enrolled: '本机构尚未加入区县平台。',
    no_upload_url: '邀请文件没有给出上传地址，请用文件上报。',
    push_failed: '上传失败（{{status}}），请稍后再试或用文件上报。',
  },
} satisfies ErrorReasonWords;
