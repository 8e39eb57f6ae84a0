// The Vigil pattern language. Parsed into the immutable AST of dev.vigil.dsl.ast by AstBuilder.
// Keywords that are likely field names (id, time, key, first, ...) are "soft": they are accepted
// wherever a name is expected (rule `name`).
grammar Vigil;

file        : importDecl* topDecl* EOF ;
importDecl  : IMPORT STRING ;
topDecl     : eventDecl | ruleDecl | testDecl ;

// ---------------------------------------------------------------- events
eventDecl   : EVENT name LBRACE eventClause* RBRACE ;
eventClause
    : FROM STRING (WHERE discField=name EQ discValue=STRING)?   # eventSource
    | ID name                                                   # eventId
    | TIME name                                                 # eventTime
    | OUT_OF_ORDER duration                                     # eventOutOfOrder
    | LATENESS duration                                         # eventLateness
    | name COLON typeName=name (EQ literal)?                    # fieldDecl
    ;

// ---------------------------------------------------------------- rules
ruleDecl    : RULE name LBRACE ruleClause* RBRACE ;
ruleClause
    : TITLE STRING                                              # titleClause
    | SEVERITY name                                             # severityClause
    | QUEUE STRING                                              # queueClause
    | KEY (name | LPAREN name (COMMA name)* RPAREN)             # keyClause
    | VERSION INT                                               # versionClause
    | MAX_PARTIALS INT                                          # maxPartialsClause
    | MATCH pattern                                             # matchClause
    | WITHIN duration                                           # withinClause
    | AFTER MATCH skipStrategy                                  # skipClause
    | WHEN expr                                                 # whenClause
    | SCORE STRING LBRACE namedExprs? RBRACE                    # scoreClause
    | ALERT (IF expr)? (LBRACE namedExprs? RBRACE)?             # alertClause
    ;

namedExprs  : namedExpr (COMMA namedExpr)* COMMA? ;
namedExpr   : name COLON expr ;

skipStrategy
    : SKIP_ NONE                        # skipNone
    | SKIP_ TO NEXT                     # skipToNext
    | SKIP_ PAST LAST                   # skipPastLast
    | SKIP_ TO FIRST name               # skipToFirst
    | SKIP_ TO LAST name                # skipToLast
    ;

// ---------------------------------------------------------------- patterns
pattern     : patternTerm (link patternTerm)* ;
link        : (NEXT | THEN ANY? | NOT NEXT | NOT THEN) (WITHIN duration)? ;
patternTerm
    : var=name COLON type=name quantifier? loopOption* (WHERE expr)? (UNTIL expr)?   # elementTerm
    | (var=name COLON)? LPAREN pattern RPAREN quantifier? loopOption*                # groupTerm
    ;
quantifier
    : LBRACE INT RBRACE                 # exactly
    | LBRACE INT COMMA INT? RBRACE      # range
    | PLUS                              # oneOrMore
    | STAR                              # zeroOrMore
    | QMARK                             # optional
    ;
loopOption  : GREEDY | RELUCTANT | CONSECUTIVE | COMBINATIONS ;

// ---------------------------------------------------------------- expressions
expr
    : primary                                                   # atomExpr
    | MINUS expr                                                # negateExpr
    | expr op=(STAR | SLASH | PERCENT) expr                     # mulExpr
    | expr op=(PLUS | MINUS) expr                               # addExpr
    | expr op=(EQ | NEQ | LT | LE | GT | GE) expr               # compareExpr
    | expr NOT? IN (LPAREN (expr (COMMA expr)*)? RPAREN | historyRef)   # inExpr
    | expr NOT? MATCHES STRING                                  # matchesExpr
    | NOT expr                                                  # notExpr
    | expr AND expr                                             # andExpr
    | expr OR expr                                              # orExpr
    ;

historyRef  : HISTORY LPAREN name DOT name OVER duration RPAREN ;

primary
    : literal                                                   # literalPrimary
    | fn=name LPAREN source=name (DOT field=name)? OVER duration RPAREN  # windowPrimary
    | fn=name LPAREN value=expr IN source=name DOT field=name OVER duration RPAREN   # seenPrimary
    | fn=name LPAREN (expr (COMMA expr)*)? RPAREN               # callPrimary
    | name pathStep*                                            # pathPrimary
    | LPAREN expr RPAREN                                        # parenPrimary
    ;
pathStep    : DOT name | LBRACK INT RBRACK ;

literal     : MINUS? (INT | DECIMAL) | STRING | TRUE | FALSE | duration ;
duration    : DURATION ;

// ---------------------------------------------------------------- tests
testDecl    : TEST ruleName=name STRING LBRACE testStmt* RBRACE ;
testStmt
    : type=name LBRACE fieldValues? RBRACE                      # testEvent
    | EXPECT ALERT ruleName=name? (LBRACE fieldValues? RBRACE)?     # expectAlert
    | EXPECT NO (ALERT | ALERTS)                                # expectNoAlert
    ;
fieldValues : fieldValue (COMMA fieldValue)* COMMA? ;
fieldValue  : name COLON literal ;

name
    : IDENT | FROM | ID | TIME | KEY | TITLE | SEVERITY | QUEUE | VERSION | MATCH | SCORE | ALERT
    | ALERTS | FIRST | LAST | HISTORY | OVER | EVENT | RULE | TEST | EXPECT | SKIP_ | TO | PAST
    | NONE | AFTER | GREEDY | RELUCTANT | CONSECUTIVE | COMBINATIONS | LATENESS | OUT_OF_ORDER
    | MAX_PARTIALS | NO | IMPORT | ANY
    ;

// ---------------------------------------------------------------- lexer
IMPORT: 'import'; EVENT: 'event'; RULE: 'rule'; TEST: 'test'; FROM: 'from'; WHERE: 'where';
ID: 'id'; TIME: 'time'; OUT_OF_ORDER: 'out_of_order'; LATENESS: 'lateness';
TITLE: 'title'; SEVERITY: 'severity'; QUEUE: 'queue'; KEY: 'key'; VERSION: 'version';
MAX_PARTIALS: 'max_partials'; MATCH: 'match'; WITHIN: 'within'; AFTER: 'after'; WHEN: 'when';
SCORE: 'score'; ALERT: 'alert'; ALERTS: 'alerts'; IF: 'if'; SKIP_: 'skip'; NONE: 'none'; TO: 'to';
PAST: 'past'; FIRST: 'first'; LAST: 'last'; NEXT: 'next'; THEN: 'then'; ANY: 'any'; UNTIL: 'until';
GREEDY: 'greedy'; RELUCTANT: 'reluctant'; CONSECUTIVE: 'consecutive'; COMBINATIONS: 'combinations';
HISTORY: 'history'; OVER: 'over'; EXPECT: 'expect'; NO: 'no';
AND: 'and'; OR: 'or'; NOT: 'not'; IN: 'in'; MATCHES: 'matches'; TRUE: 'true'; FALSE: 'false';

LBRACE: '{'; RBRACE: '}'; LPAREN: '('; RPAREN: ')'; LBRACK: '['; RBRACK: ']';
COLON: ':'; COMMA: ','; DOT: '.'; PLUS: '+'; MINUS: '-'; STAR: '*'; SLASH: '/'; PERCENT: '%';
QMARK: '?'; EQ: '='; NEQ: '!='; LE: '<='; GE: '>='; LT: '<'; GT: '>';
// Common slips from other languages, lexed so that the parser can say what to write instead.
DOUBLE_EQ: '=='; AMPAMP: '&&'; PIPEPIPE: '||'; BANG: '!'; DIAMOND: '<>';

DURATION: [0-9]+ ('ms' | 's' | 'm' | 'h' | 'd' | 'w');
DECIMAL : [0-9]+ '.' [0-9]+;
INT     : [0-9]+;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"';
// Longest match: only an unterminated string ends up here.
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' .)* ;
IDENT   : [a-zA-Z_] [a-zA-Z_0-9]*;

LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN);
WS           : [ \t\r\n]+ -> skip;
// Anything else becomes one token the parser rejects, so the error names the character.
UNKNOWN_CHAR : . ;
