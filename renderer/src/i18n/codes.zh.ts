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
    unknown_field: '无法识别的列名：{{field}}。',
    number_taken: '该{{columns}}已属于系统中的另一人。',
  },
  jobs: { cancelled: '已取消。' },
} satisfies ErrorReasonWords;
