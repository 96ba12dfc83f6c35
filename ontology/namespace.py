"""Closed namespace of the govkg vocabulary. GENERATED from govkg.ttl by `python -m ontology.generate`;
do not edit by hand (a test checks it is up to date)."""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class GK(DefinedNamespace):
    """https://w3id.org/govkg/def# — a misspelled term raises AttributeError."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/def#")

    Budget: URIRef  # Budget (approved) / 预算
    BudgetPhase: URIRef  # Budget phase / 预决算阶段
    BudgetPhases: URIRef  # Budget phases / 预决算阶段
    Consolidated: URIRef  # Consolidated (department and subordinate units) / 汇总
    Department: URIRef  # Department / 部门
    Document: URIRef  # Source document / 来源文件
    Duty: URIRef  # Duty / 职责
    EconomicClassification: URIRef  # Economic classification of expenditure / 支出经济分类
    EconomicCode: URIRef  # Economic classification code / 支出经济分类科目
    FactObservation: URIRef  # Summary figure / 汇总数据
    FinalAccount: URIRef  # Final account (executed) / 决算
    FunctionalClassification: URIRef  # Functional classification of expenditure / 支出功能分类
    FunctionalCode: URIRef  # Functional classification code / 支出功能分类科目
    Indicator: URIRef  # Performance indicator / 绩效指标
    InternalUnit: URIRef  # Internal unit / 内设机构
    LineItemObservation: URIRef  # Line-item observation / 分类科目金额
    Program: URIRef  # Program / 项目
    ProgramObservation: URIRef  # Program amount / 项目金额
    Scope: URIRef  # Document scope / 口径
    Scopes: URIRef  # Document scopes / 口径
    SelfEvaluation: URIRef  # Performance self-evaluation / 绩效自评结果
    Standalone: URIRef  # Standalone (the department itself) / 本级
    SubordinateUnit: URIRef  # Subordinate unit / 下属单位
    actual: URIRef  # actual / 实际完成值
    block: URIRef  # block / 所在分组
    budgetNote: URIRef  # budget note / 预算说明
    classification: URIRef  # classification / 科目
    column: URIRef  # column / 栏目
    comparator: URIRef  # comparator / 比较符
    department: URIRef  # department / 部门
    description: URIRef  # description / 项目概述
    dutyNumber: URIRef  # duty number / 序号
    factKey: URIRef  # fact key / 数据项
    fileName: URIRef  # file name / 文件名
    fiscalYear: URIRef  # fiscal year / 年度
    fundingSource: URIRef  # funding source / 资金来源
    layout: URIRef  # layout family / 版式
    met: URIRef  # met / 是否达成
    organization: URIRef  # organisation / 单位
    overallRating: URIRef  # overall rating / 部门整体支出绩效自评结果
    parentName: URIRef  # part of / 所属上级科目
    parserWarning: URIRef  # parser warning / 解析提示
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
