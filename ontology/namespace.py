"""Closed namespace of the govkg vocabulary. GENERATED from govkg.ttl by `python -m ontology.generate`;
do not edit by hand (a test checks it is up to date)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class GK(DefinedNamespace):
    """https://w3id.org/govkg/def# — a misspelled term raises AttributeError."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/def#")

    AdministrativeOperatingCost: URIRef  # Administrative operating cost / 机关运行经费
    BasicExpenditure: URIRef  # Basic expenditure / 基本支出
    Budget: URIRef  # Budget (approved) / 预算
    BudgetPhase: URIRef  # Budget phase / 预决算阶段
    BudgetPhases: URIRef  # Budget phases / 预决算阶段
    CommissionedServices: URIRef  # Commissioned services / 委托业务费
    Consolidated: URIRef  # Consolidated (department and subordinate units) / 汇总
    Department: URIRef  # Department / 部门
    Document: URIRef  # Source document / 来源文件
    Duty: URIRef  # Duty / 职责
    EconomicClassification: URIRef  # Economic classification of expenditure / 支出经济分类
    EconomicCode: URIRef  # Economic classification code / 支出经济分类科目
    Expenditure: URIRef  # Expenditure of the year / 本年支出
    FactKind: URIRef  # Fact kind / 数据项类别
    FactKinds: URIRef  # Fact kinds / 数据项类别
    FactObservation: URIRef  # Summary figure / 汇总数据
    FinalAccount: URIRef  # Final account (executed) / 决算
    FiscalAppropriationExpenditure: URIRef  # Expenditure of fiscal appropriations / 财政拨款支出
    FiscalAppropriationRevenue: URIRef  # Revenue from fiscal appropriations / 财政拨款收入
    FixedAssets: URIRef  # Fixed assets / 固定资产
    FunctionalClassification: URIRef  # Functional classification of expenditure / 支出功能分类
    FunctionalCode: URIRef  # Functional classification code / 支出功能分类科目
    GeneralBudgetRevenue: URIRef  # General public budget appropriation / 一般公共预算财政拨款收入
    GovernmentFundRevenue: URIRef  # Government fund appropriation / 政府性基金预算财政拨款收入
    GovernmentProcurement: URIRef  # Government procurement / 政府采购
    Indicator: URIRef  # Performance indicator / 绩效指标
    InternalUnit: URIRef  # Internal unit / 内设机构
    LineItemObservation: URIRef  # Line-item observation / 分类科目金额
    MeetingCosts: URIRef  # Meeting costs / 会议费
    OfficialReception: URIRef  # Official reception / 公务接待费
    OfficialVehicles: URIRef  # Official vehicles, purchase and running / 公务用车购置及运行维护费
    OutboundTravel: URIRef  # Official travel abroad / 因公出国（境）费
    PersonnelExpenditure: URIRef  # Personnel expenditure / 人员支出
    ProcurementForSmallFirms: URIRef  # Procurement contracts awarded to small and medium firms / 授予中小企业合同金额
    ProcurementGoods: URIRef  # Procurement of goods / 政府采购货物类
    ProcurementServices: URIRef  # Procurement of services / 政府采购服务类
    ProcurementWorks: URIRef  # Procurement of works / 政府采购工程类
    Program: URIRef  # Program / 项目
    ProgramObservation: URIRef  # Program amount / 项目金额
    ProjectExpenditure: URIRef  # Project expenditure / 项目支出
    PublicExpenditure: URIRef  # Routine public expenditure / 日常公用支出
    Revenue: URIRef  # Revenue of the year / 本年收入
    Scope: URIRef  # Document scope / 口径
    Scopes: URIRef  # Document scopes / 口径
    SelfEvaluation: URIRef  # Performance self-evaluation / 绩效自评结果
    Standalone: URIRef  # Standalone (the department itself) / 本级
    StateAssets: URIRef  # State-owned assets / 国有资产
    StateCapitalRevenue: URIRef  # State capital operation appropriation / 国有资本经营预算财政拨款收入
    SubordinateUnit: URIRef  # Subordinate unit / 下属单位
    ThreePublicCosts: URIRef  # “Three public” costs / “三公”经费
    TrainingCosts: URIRef  # Training costs / 培训费
    VehicleOperation: URIRef  # Official vehicle running / 公务用车运行维护费
    VehiclePurchase: URIRef  # Official vehicle purchase / 公务用车购置费
    VehiclesHeld: URIRef  # Vehicles held / 车辆数
    actual: URIRef  # actual / 实际完成值
    block: URIRef  # block / 所在分组
    budgetNote: URIRef  # budget note / 预算说明
    classification: URIRef  # classification / 科目
    column: URIRef  # column / 栏目
    comparator: URIRef  # comparator / 比较符
    coversFactKey: URIRef  # covers fact key / 对应数据项
    department: URIRef  # department / 部门
    description: URIRef  # description / 项目概述
    dutyNumber: URIRef  # duty number / 序号
    factKey: URIRef  # fact key / 数据项
    factKind: URIRef  # fact kind / 数据项类别
    fileName: URIRef  # file name / 文件名
    fiscalYear: URIRef  # fiscal year / 年度
    fundingSource: URIRef  # funding source / 资金来源
    layout: URIRef  # layout family / 版式
    met: URIRef  # met / 是否达成
    organization: URIRef  # organisation / 单位
    overallRating: URIRef  # overall rating / 部门整体支出绩效自评结果
    parentName: URIRef  # part of / 所属上级科目
    parserWarning: URIRef  # parser warning / 解析提示
    partsAddUp: URIRef  # parts add up / 分项之和等于总数
    performanceTarget: URIRef  # performance target / 绩效目标
    phase: URIRef  # phase / 预决算阶段
    program: URIRef  # program / 项目
    programRating: URIRef  # program rating / 项目绩效自评结果
    responsibilities: URIRef  # responsibilities / 职责描述
    scope: URIRef  # scope / 口径
    sha256: URIRef  # SHA-256 / 文件摘要
    sourceFile: URIRef  # source file / 来源文件
    sourceLine: URIRef  # source line / 来源行号
    sourcePage: URIRef  # source page / 来源页码
    sourceTable: URIRef  # source table / 来源表格
    spendingUnit: URIRef  # spending unit / 预算单位
    structure: URIRef  # Structure of a document's data set / 预决算数据结构
    target: URIRef  # target / 目标值
    text: URIRef  # text / 原文
    unit: URIRef  # unit / 单位
    value: URIRef  # value / 数值
    valueText: URIRef  # value as text / 文字值
