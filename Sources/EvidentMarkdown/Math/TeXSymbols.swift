/// What a command without arguments stands for.
enum TeXSymbol: Equatable, Sendable {
    /// `<mi>`: letters and TeX's ordinary symbols (`\alpha`, `\infty`);
    /// upright for TeX's upright capitals (`\Gamma`).
    case identifier(String, upright: Bool)
    /// `<mo>` of a TeX class.
    case op(String, TeXOperator.Kind)
    /// `\sum` (limits in display style) and `\int` (`integral`: scripts).
    case largeOperator(String, integral: Bool)
    /// `\log`, `\lim`: an upright name, limits in display style when `limits`.
    case function(String, limits: Bool)
}

/// The tables of TeX's commands without arguments: Greek, ordinary symbols,
/// binary operators, relations, arrows, large operators, function names and
/// delimiters. Each list reads `name character name character …`.
enum TeXSymbols {
    /// A command's meaning, or nil when it is not a symbol.
    static func symbol(_ name: String) -> TeXSymbol? { table[name] }

    static let greek = """
        alpha α beta β gamma γ delta δ epsilon ϵ varepsilon ε zeta ζ eta η theta θ vartheta ϑ
        iota ι kappa κ varkappa ϰ lambda λ mu μ nu ν xi ξ omicron ο pi π varpi ϖ rho ρ varrho ϱ
        sigma σ varsigma ς tau τ upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω digamma ϝ
        varGamma Γ varDelta Δ varTheta Θ varLambda Λ varXi Ξ varPi Π varSigma Σ varUpsilon Υ
        varPhi Φ varPsi Ψ varOmega Ω
        """

    /// TeX sets its Greek capitals upright, and ∇; MathML would slant a
    /// single character of them.
    static let greekUpright = """
        Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω nabla ∇
        """

    static let ordinary = """
        infty ∞ partial ∂ ell ℓ hbar ℏ hslash ℏ emptyset ∅ varnothing ∅ aleph ℵ beth ℶ
        Re ℜ Im ℑ wp ℘ imath ı jmath ȷ angle ∠ measuredangle ∡ triangle △ top ⊤ bot ⊥
        complement ∁ surd √ Box □ square □ blacksquare ■ checkmark ✓ S § P ¶ flat ♭ natural ♮
        sharp ♯ backslash \\ % % _ _ # # $ $ & & clubsuit ♣ diamondsuit ♢ heartsuit ♡ spadesuit ♠ mho ℧ eth ð
        """

    /// TeX's ordinary symbols that read better as operators in MathML.
    static let ordinaryOperators = """
        forall ∀ exists ∃ nexists ∄ neg ¬ lnot ¬ prime ′ ldots … dots … cdots ⋯ vdots ⋮ ddots ⋱
        dotsc … dotsb ⋯ dotsm ⋯ dotsi ⋯ dotso … vert | Vert ‖
        """

    static let binary = """
        pm ± mp ∓ times × div ÷ cdot ⋅ ast ∗ star ⋆ circ ∘ bullet ∙ oplus ⊕ ominus ⊖ otimes ⊗
        oslash ⊘ odot ⊙ cup ∪ cap ∩ sqcup ⊔ sqcap ⊓ vee ∨ wedge ∧ lor ∨ land ∧ setminus ∖
        smallsetminus ∖ wr ≀ diamond ⋄ bigtriangleup △ bigtriangledown ▽ triangleleft ◁
        triangleright ▷ uplus ⊎ amalg ⨿ dagger † ddagger ‡ boxplus ⊞ boxminus ⊟ boxtimes ⊠
        boxdot ⊡ ltimes ⋉ rtimes ⋊ centerdot ⋅ dotplus ∔ divideontimes ⋇ intercal ⊺ barwedge ⊼
        veebar ⊻ cdotp ⋅
        """

    /// Binary operators that Firefox's dictionary also lists as large prefix
    /// operators, which it draws large in display style unless told otherwise.
    static let largeInFirefox: Set<String> = ["⊕", "⊖", "⊗", "⊙", "⊎"]

    static let relations = """
        le ≤ leq ≤ ge ≥ geq ≥ ne ≠ neq ≠ lt < gt > leqslant ⩽ geqslant ⩾ ll ≪ gg ≫ lll ⋘ ggg ⋙
        approx ≈ approxeq ≊ sim ∼ simeq ≃ cong ≅ equiv ≡ propto ∝ doteq ≐ triangleq ≜
        coloneqq ≔ eqqcolon ≕ coloneq ≔ eqcolon ≕ defeq ≝ asymp ≍ prec ≺ succ ≻ preceq ⪯ succeq ⪰
        preccurlyeq ≼ succcurlyeq ≽ lesssim ≲ gtrsim ≳ lessgtr ≶ gtrless ≷ subset ⊂ supset ⊃
        subseteq ⊆ supseteq ⊇ subsetneq ⊊ supsetneq ⊋ nsubseteq ⊈ nsupseteq ⊉ sqsubset ⊏ sqsupset ⊐
        sqsubseteq ⊑ sqsupseteq ⊒ in ∈ ni ∋ owns ∋ notin ∉ mid ∣ nmid ∤ parallel ∥ nparallel ∦
        perp ⟂ vdash ⊢ dashv ⊣ models ⊧ vDash ⊨ Vdash ⊩ smile ⌣ frown ⌢ bowtie ⋈ Join ⋈
        nless ≮ ngtr ≯ nleq ≰ ngeq ≱ nsim ≁ ncong ≇ therefore ∴ because ∵ sim ∼ backsim ∽
        eqsim ≂ circeq ≗ bumpeq ≏ Bumpeq ≎ lessdot ⋖ gtrdot ⋗ trianglelefteq ⊴ trianglerighteq ⊵
        to → rightarrow → leftarrow ← gets ← leftrightarrow ↔ Rightarrow ⇒ Leftarrow ⇐
        Leftrightarrow ⇔ iff ⟺ implies ⟹ impliedby ⟸ longrightarrow ⟶ longleftarrow ⟵
        longleftrightarrow ⟷ Longrightarrow ⟹ Longleftarrow ⟸ Longleftrightarrow ⟺ mapsto ↦
        longmapsto ⟼ hookrightarrow ↪ hookleftarrow ↩ uparrow ↑ downarrow ↓ updownarrow ↕
        Uparrow ⇑ Downarrow ⇓ Updownarrow ⇕ nearrow ↗ searrow ↘ swarrow ↙ nwarrow ↖
        rightharpoonup ⇀ rightharpoondown ⇁ leftharpoonup ↼ leftharpoondown ↽ rightleftharpoons ⇌
        leftrightharpoons ⇋ leftrightarrows ⇆ rightleftarrows ⇄ rightrightarrows ⇉ leftleftarrows ⇇
        twoheadrightarrow ↠ twoheadleftarrow ↞ rightsquigarrow ⇝ leadsto ⤳ nrightarrow ↛
        nleftarrow ↚ nRightarrow ⇏ nLeftarrow ⇍ nLeftrightarrow ⇎ nleftrightarrow ↮
        rightarrowtail ↣ leftarrowtail ↢ looparrowright ↬ looparrowleft ↫ curvearrowright ↷
        curvearrowleft ↶ multimap ⊸
        """

    static let punctuation = """
        colon : ldotp . cdotp ⋅
        """

    static let largeOperators = """
        sum ∑ prod ∏ coprod ∐ bigcup ⋃ bigcap ⋂ bigoplus ⨁ bigotimes ⨂ bigodot ⨀ biguplus ⨄
        bigsqcup ⨆ bigvee ⋁ bigwedge ⋀
        """

    static let integrals = """
        int ∫ iint ∬ iiint ∭ iiiint ⨌ oint ∮ oiint ∯ oiiint ∰
        """

    static let functions = """
        arccos arcsin arctan arg cos cosh cot coth csc deg dim exp hom ker lg ln log sec sin sinh
        tan tanh
        """

    /// Function names whose scripts are limits in display style; `liminf`
    /// and `limsup` are spelt with a thin space.
    static let limitFunctions = """
        det gcd inf lim max min Pr sup argmax argmin
        """

    /// The table, built once from the lists above.
    static let table: [String: TeXSymbol] = {
        var table: [String: TeXSymbol] = [:]
        func add(_ list: String, _ symbol: (String) -> TeXSymbol) {
            let words = list.split(whereSeparator: { $0 == " " || $0 == "\n" })
            var index = 0
            while index + 1 < words.count {
                table[String(words[index])] = symbol(String(words[index + 1]))
                index += 2
            }
        }
        add(greek) { .identifier($0, upright: false) }
        add(greekUpright) { .identifier($0, upright: true) }
        add(ordinary) { .identifier($0, upright: false) }
        add(ordinaryOperators) { .op($0, .ordinary) }
        add(binary) { .op($0, .binary) }
        add(relations) { .op($0, .relation) }
        add(punctuation) { .op($0, .punctuation) }
        add(largeOperators) { .largeOperator($0, integral: false) }
        add(integrals) { .largeOperator($0, integral: true) }
        for name in functions.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            table[String(name)] = .function(String(name), limits: false)
        }
        for name in limitFunctions.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            table[String(name)] = .function(name == "argmax" ? "arg\u{2009}max" : name == "argmin" ? "arg\u{2009}min" : String(name), limits: true)
        }
        table["liminf"] = .function("lim\u{2009}inf", limits: true)
        table["limsup"] = .function("lim\u{2009}sup", limits: true)
        return table
    }()
}
