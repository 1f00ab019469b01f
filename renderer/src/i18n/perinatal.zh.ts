import type { Overrides } from './overrides';

/**
 * A maternal service's words for messages written in the school's (see ./programme.ts): the same
 * keys as zh-CN.ts and the feature files, only where the clinic says it differently.
 *
 * The vocabulary, one term per concept: 学生 → 孕产妇 (受检者 on screening-day screens), 老师 /
 * 心理教师 → 医生 or 工作人员, 家长 → 家属, 班级 / 年级 → 社区/乡镇, 学籍号 → 保健手册编号,
 * 名册 → 登记表, 考试模式 → 锁定模式, 机房测评站 → 局域网测评站, 座位 → 位置,
 * 应测 / 参测率 → 应筛 / 筛查率, 转介 → 转诊.
 */
export const perinatalZh = {
  roles: {
    psychologist: '医生',
  },
  errors: {
    importConflict:
      '第 {{row}} 行的保健手册编号或身份证号已属于系统中的另一人（可能刚被别人录入）。本次导入未写入任何内容，请重新预览后再导入。',
    reasons: {
      kiosk: {
        admin_only: '只有管理员的账号和密码可以解除锁定模式。',
        locked_mode: '锁定模式中不能进行此操作，请由工作人员输入 PIN 退出。',
      },
      cases: {
        close_referral_unattended:
          '{{referredOn}} 的转诊尚未到位：请先记录到位或转诊结果（如未就诊），或以“转出”结案。',
        close_not_referred: '没有已到位的转诊，不能以“转诊”结案。',
        referral_conclusion_required:
          '已到位的转诊须先记录专科结论（确诊 / 排除 / 待定），再记录治疗与结果。',
      },
      exports: {
        out_of_memory: '导出的数据太多，超出了允许的内存：请缩小导出范围（按社区/乡镇或日期）后重试。',
      },
    },
  },
  setup: {
    displayNamePlaceholder: '例如：李医生',
  },
  lock: {
    settingBody: '员工界面在无操作多少分钟后自动回到登录页。本机锁定模式和测评站不受影响。',
  },
  person: {
    event: {
      imported: '由登记表导入',
    },
    notePlaceholder: '记录沟通情况、家属联系等（仅医生与管理员可见）',
    correct: {
      reasonHint: '例如：登记表信息有误、家属提供了新的联系电话',
    },
  },
  screening: {
    campaigns: {
      emptyBody: '新建一个测评计划，选择筛查时点和量表，即可在本机、局域网测评站或用纸质问卷筛查。',
    },
    create: {
      noStudents: '还没有孕产妇档案，请先在「孕产妇档案」中导入孕产妇登记表。',
      showResultHint: '默认关闭。结果由医生解读更为稳妥。',
      signIn: '局域网测评站登录方式',
    },
    detail: {
      total: '应筛',
      doneRate: '筛查率',
    },
    kiosk: {
      step2: '点击「开始锁定模式」，屏幕将全屏显示作答页面。',
      pinHint: '4–8 位数字，只在本次锁定模式中有效',
      adminBody: '管理员解除锁定：输入管理员的用户名和密码，锁定模式随即结束。',
    },
    board: {
      station: '局域网测评站',
      url: '孕产妇打开的地址',
      stopConfirm: '停止后孕产妇将无法继续作答，已作答内容会保留。确定停止吗？',
      tiles: '各社区作答情况',
      slipNote: '只给本人，请勿给别人看。登录时还要输入工作人员屏幕上的测评站代码。',
      slipsFirst: '本计划用测评码登录：请先用“打印测评码纸条”打印，剪开后发给每位孕产妇本人。',
      approvalSeat: '位置 {{seat}}',
    },
    paper: {
      byRosterHint: '每人一份，预先印好姓名、社区/乡镇和测评码',
    },
  },
  responseImport: {
    addPerson: '新增此孕产妇',
    reasons: {
      no_number: '缺少保健手册编号或身份证号',
      same_name: '同名且无法按社区/乡镇区分',
    },
    modes: {
      kiosk: '本机锁定模式',
    },
    errors: {
      no_header:
        '在文件的前20行中找不到“保健手册编号”“身份证号”或“姓名”列：请导出时包含填写者的编号或姓名题。',
    },
  },
  alerts: {
    seat: '位置 {{seat}}',
    noSeat: '未填位置',
    advice: {
      goNow: '请立即到受检者身边，安排医生当面评估，按危机干预流程处理。',
      paper: '纸质问卷含关键条目阳性，请尽快联系本人并安排医生评估。',
      import: '导入结果含关键条目阳性，请尽快联系本人并安排医生评估。',
    },
  },
  dashboard: {
    tasks: {
      more: '另有 {{count}} 项，请在高危名单中查看',
      kinds: {
        referral_check: '核实转诊到位',
        make_referral: '办理转诊',
      },
    },
  },
  cases: {
    worklist: {
      views: {
        namePlaceholder: '例如：城关镇逾期',
      },
    },
    task: {
      referral_check: '核实转诊是否到位',
      make_referral: '办理转诊',
    },
    page: {
      referrals: '转诊',
      noReferrals: '尚无转诊',
    },
    referral: {
      referredOn: '转诊日期 {{date}}',
      status: {
        referred: '已转诊',
      },
    },
    event: {
      guardian_contact: '家属告知',
      referral: '转诊',
      restricted: '临床记录（仅医生与管理员可查看）',
      referralStatus: {
        referred: '转诊至 {{institution}}',
      },
    },
    form: {
      followUp: {
        refer: '本次随访后转诊就医',
      },
      safety: {
        familyContacted: '已联系家属',
        plans: {
          referral: '转诊就医',
        },
      },
      guardian: {
        title: '家属告知',
        whoPlaceholder: '例如：丈夫',
        response: '家属反馈',
      },
      refer: {
        title: '转诊',
        institution: '转诊机构',
        date: '转诊日期',
        consent: '本人/家属同意转诊',
      },
      attended: {
        title: '记录转诊到位',
      },
      lift: {
        intro: '解除预警须有记录在案的决定。解除后本人将移出高危名单。',
      },
    },
    saved: {
      guardian_contact: '已记录家属告知',
      referral: '已记录转诊',
      referralUpdate: '已更新转诊状态',
    },
  },
  reports: {
    referral: {
      title: '心理健康转诊单',
      open: '打印转诊单',
      reason: '转诊原因',
      referralTo: '转诊去向',
      referredOn: '转诊日期',
      referredBy: '转诊人',
      signature: '转诊人签名：',
      slipTitle: '转诊回执',
      slipIntro: '{{org}}：贵单位转诊的 {{name}}（转诊日期 {{date}}）就诊情况如下。',
    },
    group: {
      open: '打印乡镇报告',
      due: '应筛人数',
      rate: '筛查率',
      referred: '转诊人数',
      attended: '转诊到位',
    },
  },
  export: {
    populationDeidentified: '去标识化版不能只选某个社区或乡镇，只能包括全部人员',
    variants: {
      full: '完整版（医生）',
      'class-teacher': '简版（无分数与条目）',
    },
    failures: {
      tooLarge: '导出失败：数据太多，超出了允许的内存。请缩小导出范围（按社区/乡镇或日期）后重试。',
    },
  },
  audit: {
    actions: {
      report_referral: '打印转诊单',
      referral_create: '转诊',
      kiosk_unlock: '管理员解除锁定模式',
      kiosk_unlock_failed: '解除锁定模式失败',
    },
  },
  users: {
    form: {
      displayNamePlaceholder: '例如：陈医生',
    },
  },
  hubLink: {
    agreementAggregates:
      '汇总数据：按月份、孕产期时点和乡镇统计的应筛、已筛、不参加人数，各筛查结果人数，关键条目阳性人数，转诊与到位人数。',
    agreementCases:
      '化名个案：每个个案的结果等级、原因、待办工作与期限、转诊情况和结果。个案只以化名出现，区县平台无法由化名查到本人。',
    agreementNames: '姓名：{{levels}}的在管孕产妇附带姓名，其他人一律不附姓名。',
    fields: { expected: '应筛人数', screened: '已筛人数', referred: '转诊人数', referral: '转诊情况' },
  },
} satisfies Overrides;
